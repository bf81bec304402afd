-- Settings of a table that CREATE TABLE cannot say, one row each, as the clause of ALTER TABLE that
-- sets it: a replica identity other than the default (FULL or NOTHING; USING INDEX is named in
-- unmodelled.sql) and each column's own statistics target.
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
SELECT n.nspname, c.relname, 'ALTER COLUMN ' || quote_ident(a.attname) || ' SET STATISTICS ' || a.attstattarget
FROM pg_class c
JOIN ns n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid
WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attstattarget >= 0
ORDER BY 1, 2, 3
