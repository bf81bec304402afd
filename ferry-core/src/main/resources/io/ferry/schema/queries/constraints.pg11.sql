-- One row per table constraint (primary key, unique, foreign key, check, exclusion). Constraint
-- triggers are read as triggers. A foreign key that references a partitioned table has one hidden
-- copy per referenced partition, on the same table and with the same name; those are left out.
-- pg_get_constraintdef leaves out the storage parameters of a primary key's or unique constraint's
-- index (WITH (fillfactor=..)), though not an exclusion constraint's: they come separately.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS table_name,
       con.conname AS name,
       con.contype AS type,
       pg_get_constraintdef(con.oid) AS definition,
       con.condeferrable AS deferrable,
       con.condeferred AS initially_deferred,
       con.convalidated AS validated,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, position)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
             ORDER BY k.position) AS columns,
       fn.nspname AS referenced_schema,
       f.relname AS referenced_table,
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, position)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
             ORDER BY k.position) AS referenced_columns,
       (NOT con.conislocal OR con.conparentid <> 0) AS inherited,
       dsc.description AS comment,
       (SELECT string_agg(quote_ident(o.option_name) || '=' || quote_literal(o.option_value), ', ')
        FROM pg_options_to_table(ic.reloptions) o) AS index_options
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN pg_class f ON f.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace
LEFT JOIN pg_class ic ON ic.oid = con.conindid AND con.contype IN ('p', 'u')
LEFT JOIN pg_description dsc ON dsc.objoid = con.oid AND dsc.classoid = 'pg_constraint'::regclass AND dsc.objsubid = 0
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint parent
                  WHERE parent.oid = con.conparentid AND parent.conrelid = con.conrelid)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3
