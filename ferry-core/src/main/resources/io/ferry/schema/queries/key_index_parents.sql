-- The partitioned table's index that the index of a partition's own primary key, unique or
-- exclusion constraint is attached to (ALTER INDEX ... ATTACH PARTITION). Constraints a partition
-- gets from its parent's constraint are left out: the parent's statement makes and attaches them.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS table_name,
       con.conname AS name,
       pn.nspname AS parent_schema,
       p.relname AS parent_name
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN ns n ON n.oid = c.relnamespace
JOIN pg_inherits inh ON inh.inhrelid = con.conindid
JOIN pg_class p ON p.oid = inh.inhparent
JOIN pg_namespace pn ON pn.oid = p.relnamespace
WHERE con.contype IN ('p', 'u', 'x')
  AND con.conparentid = 0
ORDER BY 1, 2, 3
