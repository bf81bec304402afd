-- What data.gov.uk's fork of the extension added and today's extension does not have:
--   * harvest_source.name, the source's URL name: a source is now known by its dataset, whose name
--     (given in 006) takes that part;
--   * harvest_object.harvest_source_reference, the record's identifier in the source, which the fork
--     kept next to guid with the same value;
--   * harvest_coupled_resource (the dgu module already removes it; tables of the fork that skipped
--     that module lose it here).
-- Tables that never had them (older than the fork's upgrades) are left as they are. A reference
-- that is not its object's guid would be lost, so it stops the step instead.

-- ferry:capture references_not_guid: SELECT coalesce((SELECT (xpath('/row/c/text()', query_to_xml('SELECT count(*) AS c FROM harvest_object WHERE harvest_source_reference IS NOT NULL AND harvest_source_reference IS DISTINCT FROM guid', false, true, '')))[1]::text::bigint WHERE EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'harvest_object' AND column_name = 'harvest_source_reference')), 0)
-- ferry:capture sources: SELECT count(*) FROM harvest_source
-- ferry:capture objects: SELECT count(*) FROM harvest_object

ALTER TABLE harvest_source DROP COLUMN IF EXISTS name;
ALTER TABLE harvest_object DROP COLUMN IF EXISTS harvest_source_reference;
DROP TABLE IF EXISTS harvest_coupled_resource;

-- ferry:assert SELECT :references_not_guid = 0
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND (table_name, column_name) IN (('harvest_source', 'name'), ('harvest_object', 'harvest_source_reference')))
-- ferry:assert SELECT to_regclass('harvest_coupled_resource') IS NULL
-- ferry:assert SELECT count(*) = :sources FROM harvest_source
-- ferry:assert SELECT count(*) = :objects FROM harvest_object
