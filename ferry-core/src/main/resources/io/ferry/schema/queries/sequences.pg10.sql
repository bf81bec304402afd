-- One row per sequence, with the column that owns it: deptype 'a' for OWNED BY (serial columns and
-- ALTER SEQUENCE ... OWNED BY), 'i' for the internal sequence of an identity column.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS name,
       format_type(s.seqtypid, NULL) AS type,
       s.seqstart AS start,
       s.seqincrement AS increment,
       s.seqmin AS min,
       s.seqmax AS max,
       s.seqcache AS cache,
       s.seqcycle AS cycle,
       dep.deptype AS owned_how,
       tn.nspname AS table_schema,
       t.relname AS table_name,
       a.attname AS column_name,
       pg_get_userbyid(c.relowner) AS owner,
       dsc.description AS comment
FROM pg_class c
JOIN ns n ON n.oid = c.relnamespace
JOIN pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_depend dep ON dep.classid = 'pg_class'::regclass AND dep.objid = c.oid
                       AND dep.refclassid = 'pg_class'::regclass AND dep.refobjsubid > 0
                       AND dep.deptype IN ('a', 'i')
LEFT JOIN pg_class t ON t.oid = dep.refobjid
LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE c.relkind = 'S'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2
