-- What the index behind a primary key, unique or exclusion constraint has of its own: the comment
-- on the index, and the partitioned table's index it is attached to (ALTER INDEX ... ATTACH
-- PARTITION). One row per such index with either. A key a partition gets from its parent's key is
-- made and attached by the parent's statement, so its parent is left out.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS table_name,
       con.conname AS name,
       CASE WHEN con.conparentid = 0 THEN pn.nspname END AS parent_schema,
       CASE WHEN con.conparentid = 0 THEN p.relname END AS parent_name,
       dsc.description AS comment
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN pg_inherits inh ON inh.inhrelid = con.conindid
LEFT JOIN pg_class p ON p.oid = inh.inhparent
LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = con.conindid AND dsc.classoid = 'pg_class'::regclass
                            AND dsc.objsubid = 0
WHERE con.contype IN ('p', 'u', 'x')
  AND (con.conparentid = 0 AND inh.inhparent IS NOT NULL OR dsc.description IS NOT NULL)
ORDER BY 1, 2, 3
