-- Settings of a table that CREATE TABLE cannot say, one row each, as the clause of ALTER TABLE that
-- sets it: a replica identity other than the default, the index it is clustered on, and each
-- column's own statistics target. Names are always quoted, as Ferry quotes every identifier.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS name,
       CASE c.relreplident WHEN 'f' THEN 'REPLICA IDENTITY FULL' ELSE 'REPLICA IDENTITY NOTHING' END AS setting
FROM pg_class c
JOIN ns n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND c.relreplident IN ('f', 'n')
UNION ALL
SELECT n.nspname, c.relname, 'REPLICA IDENTITY USING INDEX ' || '"' || replace(ic.relname, '"', '""') || '"'
FROM pg_class c
JOIN ns n ON n.oid = c.relnamespace
JOIN pg_index i ON i.indrelid = c.oid
JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE c.relkind IN ('r', 'p') AND c.relreplident = 'i' AND i.indisreplident
UNION ALL
SELECT n.nspname, c.relname, 'CLUSTER ON ' || '"' || replace(ic.relname, '"', '""') || '"'
FROM pg_class c
JOIN ns n ON n.oid = c.relnamespace
JOIN pg_index i ON i.indrelid = c.oid
JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE c.relkind IN ('r', 'p') AND i.indisclustered
UNION ALL
SELECT n.nspname, c.relname, 'ALTER COLUMN ' || '"' || replace(a.attname, '"', '""') || '"' || ' SET STATISTICS ' || a.attstattarget
FROM pg_class c
JOIN ns n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attstattarget >= 0
ORDER BY 1, 2, 3
