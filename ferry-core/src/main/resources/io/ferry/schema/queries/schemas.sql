-- One row per schema (namespace).
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS name,
       pg_get_userbyid(n.nspowner) AS owner,
       dsc.description AS comment
FROM ns n
LEFT JOIN pg_description dsc ON dsc.objoid = n.oid AND dsc.classoid = 'pg_namespace'::regclass AND dsc.objsubid = 0
ORDER BY n.nspname
