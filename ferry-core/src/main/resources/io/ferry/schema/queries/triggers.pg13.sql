-- One row per user trigger (not the internal ones behind foreign keys). A trigger with a parent is
-- the copy, on a partition, of its partitioned table's trigger.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS table_name,
       t.tgname AS name,
       pg_get_triggerdef(t.oid) AS definition,
       t.tgenabled AS state,
       t.tgparentid <> 0 AS inherited,
       dsc.description AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = t.oid AND dsc.classoid = 'pg_trigger'::regclass AND dsc.objsubid = 0
WHERE NOT t.tgisinternal
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3
