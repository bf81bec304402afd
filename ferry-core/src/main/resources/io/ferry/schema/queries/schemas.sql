-- One row per schema (namespace). A schema owned by pg_database_owner (public, from PostgreSQL 15
-- on) is read as owned by the database's owner, as public is before 15: the same meaning on every
-- version, and a role that a target older than 14 has too.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS name,
       CASE WHEN n.nspowner = coalesce(to_regrole('pg_database_owner')::oid, 0)
            THEN (SELECT pg_get_userbyid(d.datdba) FROM pg_database d WHERE d.datname = current_database())
            ELSE pg_get_userbyid(n.nspowner) END AS owner,
       dsc.description AS comment
FROM ns n
LEFT JOIN pg_description dsc ON dsc.objoid = n.oid AND dsc.classoid = 'pg_namespace'::regclass AND dsc.objsubid = 0
ORDER BY n.nspname
