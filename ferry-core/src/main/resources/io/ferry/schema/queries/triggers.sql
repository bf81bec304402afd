-- One row per user trigger, before PostgreSQL 13 (no tgparentid): the copy of a partitioned table's
-- trigger on a partition (11 and 12) is marked internal there and depends on its parent trigger in
-- pg_depend; it is read as an inherited trigger, as 13 and later show it.
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       c.relname AS table_name,
       t.tgname AS name,
       -- Before 11 the definition ends EXECUTE PROCEDURE f(...); 11 on write EXECUTE FUNCTION.
       regexp_replace(pg_get_triggerdef(t.oid), '^(.*) EXECUTE PROCEDURE ', '\1 EXECUTE FUNCTION ') AS definition,
       t.tgenabled AS state,
       parent.objid IS NOT NULL AS inherited,
       dsc.description AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN ns n ON n.oid = c.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = t.oid AND dsc.classoid = 'pg_trigger'::regclass AND dsc.objsubid = 0
LEFT JOIN LATERAL (SELECT d.objid FROM pg_depend d
                   WHERE d.classid = 'pg_trigger'::regclass AND d.objid = t.oid
                     AND d.refclassid = 'pg_trigger'::regclass AND d.deptype IN ('I', 'P')
                   LIMIT 1) parent ON true
WHERE (NOT t.tgisinternal OR parent.objid IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3
