-- CKAN 079: an index to find the revisions of a resource.
--
-- CKAN creates it unconditionally, which fails where the index already exists: data.gov.uk's CKAN
-- took it early, and DGU's own upgrade dropped it first only to have it rebuilt. Ferry keeps an
-- existing index when it is the same index (checked below) and creates it otherwise.

CREATE INDEX IF NOT EXISTS idx_resource_continuity_id ON resource_revision (continuity_id);

UPDATE migrate_version SET version = 79 WHERE repository_id = 'Ckan';

-- ferry:assert SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'resource_revision' AND indexname = 'idx_resource_continuity_id' AND indexdef LIKE '% USING btree (continuity_id)')
