-- One row per schema (namespace).
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS name,
       pg_get_userbyid(n.nspowner) AS owner,
       obj_description(n.oid, 'pg_namespace') AS comment
FROM ns n
ORDER BY n.nspname
