-- The edges of pg_depend between objects of the model, each end named the way the model names it
-- (kind, schema, name, sub: sub is a function's argument types or the name of a table's
-- constraint, trigger or policy). Catalog rows that are parts of a model object stand for it: a
-- view's rewrite rule and a column default for their relation, a constraint's index for the
-- constraint, an identity column's sequence for its table, an array type for its element type, a
-- row type for its relation, a domain's constraint for the domain, and anything an extension made
-- for the extension. Edges within one object, extension membership and sequence ownership (the
-- model keeps that as Sequence.ownedBy) are left out. Rows come unsorted and may repeat: the model
-- keeps its edges in a sorted set, which orders them and drops repeats.
WITH ns AS (
    :modelled_namespaces
),
members AS (
    SELECT d.classid, d.objid, e.extname
    FROM pg_depend d
    JOIN pg_extension e ON e.oid = d.refobjid
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
),
objects AS (
    SELECT 'pg_class'::regclass AS classid, c.oid AS objid,
           CASE WHEN con.oid IS NOT NULL THEN 'constraint'
                WHEN ident.refobjid IS NOT NULL THEN 'table'
                WHEN c.relkind IN ('r', 'p') THEN 'table'
                WHEN c.relkind = 'v' THEN 'view'
                WHEN c.relkind = 'm' THEN 'materialized_view'
                WHEN c.relkind = 'S' THEN 'sequence'
                WHEN c.relkind IN ('i', 'I') THEN 'index'
                WHEN c.relkind = 'c' THEN 'composite_type'
           END AS kind,
           coalesce(owner_ns.nspname, n.nspname) AS schema,
           coalesce(owner_rel.relname, c.relname) AS name,
           con.conname::text AS sub,
           'pg_class'::regclass AS member_classid,
           coalesce(owner_rel.oid, c.oid) AS member_objid
    FROM pg_class c
    JOIN ns n ON n.oid = c.relnamespace
    LEFT JOIN pg_constraint con ON c.relkind IN ('i', 'I') AND con.conindid = c.oid
                               AND con.contype IN ('p', 'u', 'x')
    LEFT JOIN pg_depend ident ON c.relkind = 'S' AND ident.classid = 'pg_class'::regclass
                             AND ident.objid = c.oid AND ident.refclassid = 'pg_class'::regclass
                             AND ident.deptype = 'i'
    LEFT JOIN pg_class owner_rel ON owner_rel.oid = coalesce(con.conrelid, ident.refobjid)
    LEFT JOIN pg_namespace owner_ns ON owner_ns.oid = owner_rel.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I', 'c')
    UNION ALL
    SELECT 'pg_type'::regclass, t.oid,
           CASE WHEN b.typtype = 'e' THEN 'enum'
                WHEN b.typtype = 'd' THEN 'domain'
                WHEN r.relkind IN ('r', 'p') THEN 'table'
                WHEN r.relkind = 'v' THEN 'view'
                WHEN r.relkind = 'm' THEN 'materialized_view'
                WHEN r.relkind = 'c' THEN 'composite_type'
           END,
           n.nspname, coalesce(r.relname, b.typname), NULL,
           CASE WHEN r.oid IS NULL THEN 'pg_type'::regclass ELSE 'pg_class'::regclass END,
           coalesce(r.oid, b.oid)
    FROM pg_type t
    LEFT JOIN pg_type element ON element.oid = t.typelem AND element.typarray = t.oid
    JOIN pg_type b ON b.oid = coalesce(element.oid, t.oid)
    JOIN ns n ON n.oid = b.typnamespace
    LEFT JOIN pg_class r ON r.oid = b.typrelid
    UNION ALL
    SELECT 'pg_proc'::regclass, p.oid, 'function', n.nspname, p.proname,
           oidvectortypes(p.proargtypes), 'pg_proc'::regclass, p.oid
    FROM pg_proc p
    JOIN ns n ON n.oid = p.pronamespace
    UNION ALL
    SELECT 'pg_constraint'::regclass, con.oid,
           CASE WHEN con.contypid <> 0 THEN 'domain' ELSE 'constraint' END,
           n.nspname, coalesce(tc.relname, ty.typname),
           CASE WHEN con.contypid = 0 THEN con.conname::text END,
           CASE WHEN con.contypid <> 0 THEN 'pg_type'::regclass ELSE 'pg_class'::regclass END,
           coalesce(tc.oid, ty.oid)
    FROM pg_constraint con
    LEFT JOIN pg_class tc ON tc.oid = con.conrelid
    LEFT JOIN pg_type ty ON ty.oid = con.contypid
    JOIN ns n ON n.oid = coalesce(tc.relnamespace, ty.typnamespace)
    WHERE con.contype <> 't'
    UNION ALL
    SELECT 'pg_rewrite'::regclass, rw.oid,
           CASE WHEN c.relkind = 'm' THEN 'materialized_view' ELSE 'view' END,
           n.nspname, c.relname, NULL, 'pg_class'::regclass, c.oid
    FROM pg_rewrite rw
    JOIN pg_class c ON c.oid = rw.ev_class
    JOIN ns n ON n.oid = c.relnamespace
    WHERE rw.rulename = '_RETURN' AND c.relkind IN ('v', 'm')
    UNION ALL
    SELECT 'pg_attrdef'::regclass, ad.oid,
           CASE WHEN c.relkind IN ('r', 'p') THEN 'table' WHEN c.relkind = 'v' THEN 'view' END,
           n.nspname, c.relname, NULL, 'pg_class'::regclass, c.oid
    FROM pg_attrdef ad
    JOIN pg_class c ON c.oid = ad.adrelid
    JOIN ns n ON n.oid = c.relnamespace
    UNION ALL
    SELECT 'pg_trigger'::regclass, t.oid, 'trigger', n.nspname, c.relname, t.tgname::text,
           'pg_class'::regclass, c.oid
    FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    JOIN ns n ON n.oid = c.relnamespace
    WHERE NOT t.tgisinternal
    UNION ALL
    SELECT 'pg_policy'::regclass, p.oid, 'policy', n.nspname, c.relname, p.polname::text,
           'pg_class'::regclass, c.oid
    FROM pg_policy p
    JOIN pg_class c ON c.oid = p.polrelid
    JOIN ns n ON n.oid = c.relnamespace
    UNION ALL
    SELECT 'pg_namespace'::regclass, n.oid, 'schema', NULL, n.nspname, NULL,
           'pg_namespace'::regclass, n.oid
    FROM ns n
    UNION ALL
    SELECT 'pg_collation'::regclass, co.oid, 'collation', n.nspname, co.collname, NULL,
           'pg_collation'::regclass, co.oid
    FROM pg_collation co
    JOIN ns n ON n.oid = co.collnamespace
    UNION ALL
    SELECT 'pg_extension'::regclass, e.oid, 'extension', NULL, e.extname, NULL,
           'pg_extension'::regclass, e.oid
    FROM pg_extension e
),
resolved AS (
    SELECT o.classid, o.objid,
           CASE WHEN m.extname IS NULL THEN o.kind ELSE 'extension' END AS kind,
           CASE WHEN m.extname IS NULL THEN o.schema END AS schema,
           coalesce(m.extname, o.name) AS name,
           CASE WHEN m.extname IS NULL THEN o.sub END AS sub
    FROM objects o
    LEFT JOIN members m ON m.classid = o.member_classid AND m.objid = o.member_objid
    -- Kinds the model lacks (base and range types, say) still count when an extension made them.
    WHERE o.kind IS NOT NULL OR m.extname IS NOT NULL
)
SELECT f.kind, f.schema, f.name, f.sub,
       r.kind AS referenced_kind, r.schema AS referenced_schema, r.name AS referenced_name,
       r.sub AS referenced_sub
FROM pg_depend d
JOIN resolved f ON f.classid = d.classid AND f.objid = d.objid
JOIN resolved r ON r.classid = d.refclassid AND r.objid = d.refobjid
WHERE d.deptype NOT IN ('e', 'x', 'p')
  AND (f.kind, f.schema, f.name, f.sub) IS DISTINCT FROM (r.kind, r.schema, r.name, r.sub)
  AND NOT (f.kind = 'sequence' AND r.kind = 'table')
