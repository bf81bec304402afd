-- CKAN 100 (alembic ccd38ad5fced, CKAN 2.9's last step): more of the revision tables' keys go, so
-- that deleting a dataset, tag or group is not blocked by revision rows that refer to it.

ALTER TABLE package_tag_revision DROP CONSTRAINT package_tag_revision_continuity_id_fkey;
ALTER TABLE package_tag_revision DROP CONSTRAINT package_tag_revision_package_id_fkey;
ALTER TABLE package_extra_revision DROP CONSTRAINT package_extra_revision_package_id_fkey;
ALTER TABLE group_revision DROP CONSTRAINT group_revision_continuity_id_fkey;
ALTER TABLE member_revision DROP CONSTRAINT member_revision_group_id_fkey;

UPDATE alembic_version SET version_num = 'ccd38ad5fced';
