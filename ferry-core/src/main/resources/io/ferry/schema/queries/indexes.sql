-- One row per index that does not implement a primary key, unique or exclusion constraint, with
-- the partitioned table's index it is attached to, if any.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       ic.relname AS name,
       tc.relname AS table_name,
       pg_get_indexdef(i.indexrelid) AS definition,
       pn.nspname AS parent_schema,
       p.relname AS parent_name,
       dsc.description AS comment
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class tc ON tc.oid = i.indrelid
JOIN ns n ON n.oid = tc.relnamespace
LEFT JOIN pg_inherits inh ON inh.inhrelid = i.indexrelid
LEFT JOIN pg_class p ON p.oid = inh.inhparent
LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = i.indexrelid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE tc.relkind IN ('r', 'p', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = tc.oid AND d.deptype = 'e')
ORDER BY 1, 2
