-- The schemas Ferry models, shared by every catalog query as the CTE ns (see Queries): not the
-- system's, not Ferry's own unless ferry.read_own is on, not one an extension made.
    SELECT n.oid, n.nspname, n.nspowner, n.nspacl
    FROM pg_namespace n
    WHERE n.nspname NOT LIKE 'pg\_%'
      AND n.nspname <> 'information_schema'
      AND (n.nspname <> 'ferry' OR current_setting('ferry.read_own', true) = 'on')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
