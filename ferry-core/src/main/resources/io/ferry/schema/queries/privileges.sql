-- The privileges of every object whose access list is not the built-in default for its kind (a
-- NULL list is the default; so is a list that equals it). For such an object every entry is listed,
-- the owner's included. Grantee 0 is PUBLIC. A schema's default is what initdb gave it, when it
-- recorded that (pg_init_privs): public's initial privileges differ between versions (PUBLIC may
-- create in it before 15), and a public schema left as it was is the same on every version.
WITH ns AS (
    :modelled_namespaces
),
objects AS (
    SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'
                          WHEN 'm' THEN 'materialized_view' ELSE 'table' END AS kind,
           n.nspname AS schema, c.relname AS name, NULL::text AS sub,
           c.relacl AS acl,
           acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner) AS default_acl
    FROM pg_class c
    JOIN ns n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relacl IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 'function', n.nspname, p.proname, oidvectortypes(p.proargtypes),
           p.proacl, acldefault('f'::"char", p.proowner)
    FROM pg_proc p
    JOIN ns n ON n.oid = p.pronamespace
    WHERE p.proacl IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 'schema', NULL, n.nspname, NULL, n.nspacl,
           coalesce((SELECT ip.initprivs FROM pg_init_privs ip
                     WHERE ip.objoid = n.oid AND ip.classoid = 'pg_namespace'::regclass AND ip.objsubid = 0),
                    acldefault('n'::"char", n.nspowner))
    FROM ns n
    WHERE n.nspacl IS NOT NULL
    UNION ALL
    SELECT CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' ELSE 'composite_type' END,
           n.nspname, t.typname, NULL, t.typacl, acldefault('T'::"char", t.typowner)
    FROM pg_type t
    JOIN ns n ON n.oid = t.typnamespace
    LEFT JOIN pg_class r ON r.oid = t.typrelid
    WHERE t.typacl IS NOT NULL
      AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND r.relkind = 'c'))
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
)
SELECT o.kind, o.schema, o.name, o.sub,
       CASE WHEN x.grantee = 0 THEN 'public' ELSE pg_get_userbyid(x.grantee) END AS grantee,
       x.privilege_type AS privilege,
       x.is_grantable AS grantable
FROM objects o
CROSS JOIN LATERAL aclexplode(o.acl) x
WHERE NOT (o.acl @> o.default_acl AND o.acl <@ o.default_acl)
ORDER BY 1, 2, 3, 4, 5, 6
