-- CKAN 088 (alembic 3537d5420e0e): extras in state 'deleted' are deleted for good, from datasets
-- and from groups and organizations. Their revision rows stay, so the revision tables' keys to the
-- live extras go first. The captures count what is removed.

-- ferry:capture package_extras: SELECT count(*) FROM package_extra
-- ferry:capture deleted_package_extras: SELECT count(*) FROM package_extra WHERE state = 'deleted'
-- ferry:capture group_extras: SELECT count(*) FROM group_extra
-- ferry:capture deleted_group_extras: SELECT count(*) FROM group_extra WHERE state = 'deleted'

ALTER TABLE package_extra_revision DROP CONSTRAINT package_extra_revision_continuity_id_fkey;
ALTER TABLE group_extra_revision DROP CONSTRAINT group_extra_revision_continuity_id_fkey;

DELETE FROM package_extra WHERE state = 'deleted';
DELETE FROM group_extra WHERE state = 'deleted';

UPDATE alembic_version SET version_num = '3537d5420e0e';

-- Exactly the deleted extras went; every other one is still there.
-- ferry:assert SELECT count(*) = :package_extras - :deleted_package_extras FROM package_extra
-- ferry:assert SELECT count(*) = :group_extras - :deleted_group_extras FROM group_extra
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM package_extra WHERE state = 'deleted') AND NOT EXISTS (SELECT 1 FROM group_extra WHERE state = 'deleted')
