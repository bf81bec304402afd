-- CKAN 105 (alembic 4a5e3465beb6, CKAN 2.11): the database is brought in line with CKAN's model.
--   * rating goes (the feature was removed long ago), with its indexes;
--   * resource.webstore_url and webstore_last_updated go (never used since the webstore left);
--   * resource.package_id gets its foreign key to package.id (named by PostgreSQL, as in CKAN:
--     resource_package_id_fkey);
--   * eight indexes that duplicate a key or another index go.
-- The captures count what had data in what is dropped.
--
-- The foreign key fails in CKAN with the database's own error when a resource names a dataset that
-- does not exist (package_id '' included). Ferry adds the key only when every resource has its
-- dataset; otherwise the assertion names up to ten such resources (ids) and their count, and the
-- step is rolled back. The site decides (purge those resources, or give them their dataset), then
-- runs `ferry repair` and migrates again.

-- ferry:capture ratings: SELECT count(*) FROM rating
-- ferry:capture resources: SELECT count(*) FROM resource
-- ferry:capture resources_with_webstore_url: SELECT count(*) FROM resource WHERE webstore_url IS NOT NULL AND webstore_url <> ''
-- ferry:capture resources_with_webstore_last_updated: SELECT count(*) FROM resource WHERE webstore_last_updated IS NOT NULL
-- ferry:capture resources_without_package: SELECT count(*) FROM resource r WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = r.package_id)
-- ferry:capture first_resources_without_package: SELECT coalesce(string_agg(id, ' ' ORDER BY id), '') FROM (SELECT r.id FROM resource r WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = r.package_id) ORDER BY r.id LIMIT 10) AS first

DROP TABLE rating;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM resource r WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = r.package_id)) THEN
        ALTER TABLE resource ADD CONSTRAINT resource_package_id_fkey FOREIGN KEY (package_id) REFERENCES package (id);
    END IF;
END
$$;

ALTER TABLE resource DROP COLUMN webstore_last_updated;
ALTER TABLE resource DROP COLUMN webstore_url;

DROP INDEX idx_package_group_group_id;
DROP INDEX idx_package_group_pkg_id;
DROP INDEX idx_package_group_pkg_id_group_id;
DROP INDEX idx_pkg_id;
DROP INDEX idx_pkg_name;
DROP INDEX idx_pkg_title;
DROP INDEX idx_package_tag_tag_id;
DROP INDEX term;

UPDATE alembic_version SET version_num = '4a5e3465beb6';

-- Every resource belongs to a dataset that exists (else this fails, naming them), none was lost,
-- and the key is there.
-- ferry:assert SELECT :resources_without_package = 0
-- ferry:assert SELECT count(*) = :resources FROM resource
-- ferry:assert SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'resource_package_id_fkey' AND conrelid = 'resource'::regclass)
-- ferry:assert SELECT to_regclass('rating') IS NULL
