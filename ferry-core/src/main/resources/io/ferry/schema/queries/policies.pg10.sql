-- One row per row level security policy. Role 0 in polroles means PUBLIC.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS table_name,
       p.polname AS name,
       p.polpermissive AS permissive,
       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                     WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
       ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid) END
             FROM unnest(p.polroles) r(oid) ORDER BY 1) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using_expr,
       pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
       dsc.description AS comment
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = p.oid AND dsc.classoid = 'pg_policy'::regclass AND dsc.objsubid = 0
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3
