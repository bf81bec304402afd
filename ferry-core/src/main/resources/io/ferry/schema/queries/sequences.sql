-- One row per sequence, with the column that owns it (deptype 'a': serial columns and ALTER
-- SEQUENCE ... OWNED BY), on PostgreSQL 9.6: there is no pg_sequence, a sequence keeps its
-- parameters in its own single row, read here through query_to_xml; every sequence is bigint,
-- but for a serial column's (below).
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS name,
       CASE WHEN serial.type IS NOT NULL THEN serial.type ELSE 'bigint' END AS type,
       (xpath('/row/start_value/text()', s.params))[1]::text::bigint AS start,
       (xpath('/row/increment_by/text()', s.params))[1]::text::bigint AS increment,
       (xpath('/row/min_value/text()', s.params))[1]::text::bigint AS min,
       CASE WHEN serial.type IS NOT NULL THEN serial.max
            ELSE (xpath('/row/max_value/text()', s.params))[1]::text::bigint END AS max,
       (xpath('/row/cache_value/text()', s.params))[1]::text::bigint AS cache,
       (xpath('/row/is_cycled/text()', s.params))[1]::text::boolean AS cycle,
       dep.deptype AS owned_how,
       tn.nspname AS table_schema,
       t.relname AS table_name,
       a.attname AS column_name,
       pg_get_userbyid(c.relowner) AS owner,
       dsc.description AS comment
FROM pg_class c
JOIN ns n ON n.oid = c.relnamespace
CROSS JOIN LATERAL (SELECT query_to_xml('SELECT * FROM ' || c.oid::regclass::text, false, true, '') AS params) s
LEFT JOIN pg_depend dep ON dep.classid = 'pg_class'::regclass AND dep.objid = c.oid
                       AND dep.refclassid = 'pg_class'::regclass AND dep.refobjsubid > 0
                       AND dep.deptype = 'a'
LEFT JOIN pg_class t ON t.oid = dep.refobjid
LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
-- The sequence of an integer or smallint serial column, with 9.6's default bounds, is that column's
-- type, as serial makes it from 10 on: values beyond the column's type could never be stored anyway.
LEFT JOIN LATERAL (SELECT format_type(a.atttypid, NULL) AS type,
                          CASE a.atttypid WHEN 'int4'::regtype THEN 2147483647 ELSE 32767 END::bigint AS max
                   WHERE a.atttypid IN ('int4'::regtype, 'int2'::regtype)
                     AND (xpath('/row/max_value/text()', s.params))[1]::text = '9223372036854775807'
                     AND (xpath('/row/increment_by/text()', s.params))[1]::text::bigint > 0) serial ON true
WHERE c.relkind = 'S'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2
