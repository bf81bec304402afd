-- One row per enum, domain and free-standing composite type (not the row types of tables and views).
-- Composite attributes come from columns.sql.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       t.typname AS name,
       t.typtype AS type,
       CASE WHEN t.typtype = 'e' THEN
           ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
       END AS labels,
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
       t.typnotnull AS not_null,
       CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END AS default_expr,
       cn.nspname AS collation_schema,
       co.collname AS collation_name,
       ARRAY(SELECT con.conname FROM pg_constraint con
             WHERE con.contypid = t.oid AND con.contype = 'c' ORDER BY con.conname) AS check_names,
       ARRAY(SELECT pg_get_constraintdef(con.oid) FROM pg_constraint con
             WHERE con.contypid = t.oid AND con.contype = 'c' ORDER BY con.conname) AS check_definitions,
       pg_get_userbyid(t.typowner) AS owner,
       dsc.description AS comment
FROM pg_type t
JOIN ns n ON n.oid = t.typnamespace
LEFT JOIN pg_class r ON r.oid = t.typrelid
LEFT JOIN pg_type b ON b.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation AND t.typtype = 'd' AND t.typcollation <> b.typcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = t.oid AND dsc.classoid = 'pg_type'::regclass AND dsc.objsubid = 0
WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND r.relkind = 'c'))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1, 2
