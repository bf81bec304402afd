-- One row per collation in a user schema. The locale columns are read through to_jsonb, so that the
-- query runs on servers whose pg_collation lacks colliculocale (before 15) or renamed it (17).
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       co.collname AS name,
       co.collprovider AS provider,
       to_jsonb(co) ->> 'collcollate' AS lc_collate,
       to_jsonb(co) ->> 'collctype' AS lc_ctype,
       coalesce(to_jsonb(co) ->> 'colliculocale', to_jsonb(co) ->> 'colllocale') AS locale,
       co.collisdeterministic AS deterministic,
       pg_get_userbyid(co.collowner) AS owner,
       dsc.description AS comment
FROM pg_collation co
JOIN ns n ON n.oid = co.collnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = co.oid AND dsc.classoid = 'pg_collation'::regclass AND dsc.objsubid = 0
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_collation'::regclass AND d.objid = co.oid AND d.deptype = 'e')
ORDER BY 1, 2
