-- One row per ordinary or unlogged table, on PostgreSQL 9.6 (no partitioning; foreign tables are
-- not modelled).
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS name,
       c.relpersistence = 'u' AS unlogged,
       NULL::text AS partition_key,
       NULL::text AS partition_bound,
       ARRAY(SELECT pn.nspname FROM pg_inherits i
             JOIN pg_class p ON p.oid = i.inhparent
             JOIN pg_namespace pn ON pn.oid = p.relnamespace
             WHERE i.inhrelid = c.oid ORDER BY i.inhseqno) AS parent_schemas,
       ARRAY(SELECT p.relname FROM pg_inherits i
             JOIN pg_class p ON p.oid = i.inhparent
             WHERE i.inhrelid = c.oid ORDER BY i.inhseqno) AS parent_names,
       coalesce(c.reloptions, '{}') AS options,
       c.relrowsecurity AS row_security,
       c.relforcerowsecurity AS force_row_security,
       pg_get_userbyid(c.relowner) AS owner,
       dsc.description AS comment
FROM pg_class c
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE c.relkind IN ('r', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2
