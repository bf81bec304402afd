-- CKAN 095 (alembic 9fadda785b07): the revision tables of members, resources and datasets no longer
-- require their live row to exist (CKAN 2.9 stopped writing revisions; purging a dataset must not
-- be blocked by its history).

ALTER TABLE member_revision DROP CONSTRAINT member_revision_continuity_id_fkey;
ALTER TABLE resource_revision DROP CONSTRAINT resource_revision_continuity_id_fkey;
ALTER TABLE package_revision DROP CONSTRAINT package_revision_continuity_id_fkey;

UPDATE alembic_version SET version_num = '9fadda785b07';
