-- CKAN 094 (alembic 588d7cfb9a41): resources get metadata_modified, filled with their creation
-- time (NULL where that is NULL, as in CKAN; the capture counts those).

-- ferry:capture resources: SELECT count(*) FROM resource
-- ferry:capture resources_without_created: SELECT count(*) FROM resource WHERE created IS NULL

ALTER TABLE resource ADD COLUMN metadata_modified timestamp without time zone;
UPDATE resource SET metadata_modified = created;

UPDATE alembic_version SET version_num = '588d7cfb9a41';

-- ferry:assert SELECT count(*) = :resources FROM resource
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM resource WHERE metadata_modified IS DISTINCT FROM created)
