-- One row per installed extension.
SELECT e.extname AS name,
       n.nspname AS schema,
       e.extversion AS version,
       dsc.description AS comment
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = e.oid AND dsc.classoid = 'pg_extension'::regclass AND dsc.objsubid = 0
ORDER BY e.extname
