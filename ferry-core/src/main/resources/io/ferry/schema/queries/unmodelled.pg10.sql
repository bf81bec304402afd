-- What the model leaves out that a schema can still hold, one row per object or setting, named the
-- way a user would look for it: nothing here is compared, so a diff warns about each.
WITH ns AS (
    :modelled_namespaces
),
own AS (
    SELECT c.oid, n.nspname, c.relname
    FROM pg_class c
    JOIN ns n ON n.oid = c.relnamespace
    WHERE NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
)
SELECT 'rule ' || quote_ident(r.rulename) || ' on ' || quote_ident(o.nspname) || '.' || quote_ident(o.relname) AS object
FROM own o JOIN pg_rewrite r ON r.ev_class = o.oid
WHERE r.rulename <> '_RETURN'
UNION ALL
SELECT 'statistics object ' || quote_ident(n.nspname) || '.' || quote_ident(s.stxname)
FROM pg_statistic_ext s
JOIN ns n ON n.oid = s.stxnamespace
UNION ALL
SELECT 'operator ' || quote_ident(n.nspname) || '.' || o.oprname
FROM pg_operator o
JOIN ns n ON n.oid = o.oprnamespace
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_operator'::regclass AND d.objid = o.oid AND d.deptype = 'e')
UNION ALL
SELECT 'foreign table ' || quote_ident(o.nspname) || '.' || quote_ident(o.relname)
FROM own o JOIN pg_class c ON c.oid = o.oid
WHERE c.relkind = 'f'
ORDER BY 1
