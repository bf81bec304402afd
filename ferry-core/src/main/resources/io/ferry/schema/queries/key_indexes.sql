-- What the index behind a primary key, unique or exclusion constraint has of its own, before
-- PostgreSQL 11: only the comment on the index. Indexes are not partitioned before 11 (no
-- conparentid, no index in pg_inherits), so no key index is attached to a parent's; the parent
-- columns are always empty. One row per such index with a comment.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS table_name,
       con.conname AS name,
       NULL::name AS parent_schema,
       NULL::name AS parent_name,
       dsc.description AS comment
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN ns n ON n.oid = c.relnamespace
JOIN pg_description dsc ON dsc.objoid = con.conindid AND dsc.classoid = 'pg_class'::regclass
                       AND dsc.objsubid = 0
WHERE con.contype IN ('p', 'u', 'x')
ORDER BY 1, 2, 3
