-- What data.gov.uk's database had and CKAN 2.8 does not: the coupled-resource table of its harvest
-- fork (it blocked deleting datasets; absent from harvest tables older than the fork's v3), the
-- data_cache table of its migration 059, and the two indexes its migration 058 created without
-- names (CKAN has its own on the same columns).

-- ferry:capture coupled_resources: SELECT coalesce((xpath('/row/c/text()', query_to_xml('SELECT count(*) AS c FROM harvest_coupled_resource', false, true, '')))[1]::text::bigint, 0) FROM (SELECT to_regclass('harvest_coupled_resource') AS t) AS x WHERE t IS NOT NULL UNION ALL SELECT 0 WHERE to_regclass('harvest_coupled_resource') IS NULL
-- ferry:capture cached: SELECT count(*) FROM data_cache

DROP TABLE IF EXISTS harvest_coupled_resource;
DROP TABLE IF EXISTS data_cache;
DROP INDEX IF EXISTS activity_detail_activity_id_idx;
DROP INDEX IF EXISTS activity_user_id_idx;

-- ferry:assert SELECT to_regclass('harvest_coupled_resource') IS NULL AND to_regclass('data_cache') IS NULL
-- ferry:assert SELECT to_regclass('activity_detail_activity_id_idx') IS NULL AND to_regclass('activity_user_id_idx') IS NULL
-- CKAN's own indexes on the same columns are still there.
-- ferry:assert SELECT to_regclass('idx_activity_detail_activity_id') IS NOT NULL AND to_regclass('idx_activity_user_id') IS NOT NULL
