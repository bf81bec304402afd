-- One row per aggregate, with its CREATE AGGREGATE statement put together from pg_aggregate
-- (pg_get_functiondef cannot write aggregates). Options left at their defaults are left out;
-- function names come schema-qualified unless they are in pg_catalog (the reader's search_path is
-- empty).
WITH ns AS (
    :modelled_namespaces
)
SELECT n.nspname AS schema,
       p.proname AS name,
       oidvectortypes(p.proargtypes) AS argument_types,
       'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
       || '(' || CASE WHEN p.pronargs = 0 AND a.aggkind = 'n' THEN '*' ELSE pg_get_function_arguments(p.oid) END
       || ') (SFUNC = ' || a.aggtransfn::regproc::text
       || ', STYPE = ' || format_type(a.aggtranstype, NULL)
       || CASE WHEN a.aggtransspace <> 0 THEN ', SSPACE = ' || a.aggtransspace ELSE '' END
       || CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc::text ELSE '' END
       || CASE WHEN a.aggfinalextra THEN ', FINALFUNC_EXTRA' ELSE '' END
       || CASE WHEN a.aggfinalfn <> 0 AND a.aggfinalmodify <> CASE WHEN a.aggkind = 'n' THEN 'r' ELSE 'w' END
               THEN ', FINALFUNC_MODIFY = ' || CASE a.aggfinalmodify WHEN 'r' THEN 'READ_ONLY'
                                                   WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END
               ELSE '' END
       || CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text ELSE '' END
       || CASE WHEN a.aggserialfn <> 0 THEN ', SERIALFUNC = ' || a.aggserialfn::regproc::text ELSE '' END
       || CASE WHEN a.aggdeserialfn <> 0 THEN ', DESERIALFUNC = ' || a.aggdeserialfn::regproc::text ELSE '' END
       || CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(a.agginitval) ELSE '' END
       || CASE WHEN a.aggmtransfn <> 0
               THEN ', MSFUNC = ' || a.aggmtransfn::regproc::text || ', MINVFUNC = ' || a.aggminvtransfn::regproc::text
                    || ', MSTYPE = ' || format_type(a.aggmtranstype, NULL) ELSE '' END
       || CASE WHEN a.aggmtransspace <> 0 THEN ', MSSPACE = ' || a.aggmtransspace ELSE '' END
       || CASE WHEN a.aggmfinalfn <> 0 THEN ', MFINALFUNC = ' || a.aggmfinalfn::regproc::text ELSE '' END
       || CASE WHEN a.aggmfinalextra THEN ', MFINALFUNC_EXTRA' ELSE '' END
       || CASE WHEN a.aggminitval IS NOT NULL THEN ', MINITCOND = ' || quote_literal(a.aggminitval) ELSE '' END
       || coalesce((SELECT ', SORTOP = OPERATOR(' || quote_ident(opn.nspname) || '.' || o.oprname || ')'
                    FROM pg_operator o JOIN pg_namespace opn ON opn.oid = o.oprnamespace
                    WHERE o.oid = a.aggsortop), '')
       || CASE p.proparallel WHEN 's' THEN ', PARALLEL = SAFE' WHEN 'r' THEN ', PARALLEL = RESTRICTED' ELSE '' END
       || CASE WHEN a.aggkind = 'h' THEN ', HYPOTHETICAL' ELSE '' END
       || ')' AS definition,
       pg_get_userbyid(p.proowner) AS owner,
       dsc.description AS comment
FROM pg_aggregate a
JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN ns n ON n.oid = p.pronamespace
LEFT JOIN pg_description dsc ON dsc.objoid = p.oid AND dsc.classoid = 'pg_proc'::regclass AND dsc.objsubid = 0
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3
