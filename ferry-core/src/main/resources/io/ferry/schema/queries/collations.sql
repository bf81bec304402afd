-- One row per collation in a user schema. Columns that some versions lack are read through to_jsonb,
-- so that one query serves them all: collprovider (10 on; before, every collation is libc),
-- collisdeterministic (12 on; before, every collation is), colliculocale (15, renamed in 17).
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       co.collname AS name,
       coalesce(to_jsonb(co) ->> 'collprovider', 'c') AS provider,
       to_jsonb(co) ->> 'collcollate' AS lc_collate,
       to_jsonb(co) ->> 'collctype' AS lc_ctype,
       coalesce(to_jsonb(co) ->> 'colliculocale', to_jsonb(co) ->> 'colllocale') AS locale,
       coalesce((to_jsonb(co) ->> 'collisdeterministic')::boolean, true) AS deterministic,
       pg_get_userbyid(co.collowner) AS owner,
       dsc.description AS comment
FROM pg_collation co
JOIN ns n ON n.oid = co.collnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = co.oid AND dsc.classoid = 'pg_collation'::regclass AND dsc.objsubid = 0
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_collation'::regclass AND d.objid = co.oid AND d.deptype = 'e')
ORDER BY 1, 2
