-- One row per schema (namespace).
WITH ns AS (
    -- The schemas Ferry models: not the system's, not Ferry's own, not one an extension made.
    SELECT n.oid, n.nspname, n.nspowner, n.nspacl
    FROM pg_namespace n
    WHERE n.nspname NOT LIKE 'pg\_%'
      AND n.nspname <> 'information_schema'
      AND (n.nspname <> 'ferry' OR current_setting('ferry.read_own', true) = 'on')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
)
SELECT n.nspname AS name,
       pg_get_userbyid(n.nspowner) AS owner,
       obj_description(n.oid, 'pg_namespace') AS comment
FROM ns n
ORDER BY n.nspname
