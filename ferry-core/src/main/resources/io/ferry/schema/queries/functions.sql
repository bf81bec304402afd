-- One row per function and window function, before PostgreSQL 11 (no prokind, no procedures).
-- Aggregates are read by aggregates.sql: pg_get_functiondef cannot write them.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       p.proname AS name,
       oidvectortypes(p.proargtypes) AS argument_types,
       CASE WHEN p.proiswindow THEN 'w' ELSE 'f' END AS kind,
       pg_get_functiondef(p.oid) AS definition,
       pg_get_userbyid(p.proowner) AS owner,
       dsc.description AS comment
FROM pg_proc p
JOIN ns n ON n.oid = p.pronamespace
LEFT JOIN pg_description dsc ON dsc.objoid = p.oid AND dsc.classoid = 'pg_proc'::regclass AND dsc.objsubid = 0
WHERE NOT p.proisagg
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3
