-- CKAN 093 (alembic d4d9be9189fe; CKAN's file is named 093_7f70d7d15445, its revision is the one
-- here): the live tables no longer point at a revision. revision_id goes from group, group_extra,
-- member, package, package_extra, package_relationship, package_tag, resource and system_info, with
-- its foreign key and the indexes built on it (package's idx_pkg_rev_id and idx_pkg_srev_id go with
-- the column, as in CKAN). The revision tables keep theirs, and so does activity, whose old
-- revision ids CKAN's migrate_package_activity.py still reads.

ALTER TABLE "group" DROP CONSTRAINT group_revision_id_fkey;
ALTER TABLE "group" DROP COLUMN revision_id;
ALTER TABLE group_extra DROP CONSTRAINT group_extra_revision_id_fkey;
ALTER TABLE group_extra DROP COLUMN revision_id;
ALTER TABLE member DROP CONSTRAINT member_revision_id_fkey;
ALTER TABLE member DROP COLUMN revision_id;
ALTER TABLE package DROP CONSTRAINT package_revision_id_fkey;
ALTER TABLE package DROP COLUMN revision_id;
ALTER TABLE package_extra DROP CONSTRAINT package_extra_revision_id_fkey;
ALTER TABLE package_extra DROP COLUMN revision_id;
ALTER TABLE package_relationship DROP CONSTRAINT package_relationship_revision_id_fkey;
ALTER TABLE package_relationship DROP COLUMN revision_id;
ALTER TABLE package_tag DROP CONSTRAINT package_tag_revision_id_fkey;
ALTER TABLE package_tag DROP COLUMN revision_id;
ALTER TABLE resource DROP CONSTRAINT resource_revision_id_fkey;
ALTER TABLE resource DROP COLUMN revision_id;
ALTER TABLE system_info DROP CONSTRAINT system_info_revision_id_fkey;
ALTER TABLE system_info DROP COLUMN revision_id;

UPDATE alembic_version SET version_num = 'd4d9be9189fe';

-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'revision_id' AND table_name IN ('group', 'group_extra', 'member', 'package', 'package_extra', 'package_relationship', 'package_tag', 'resource', 'system_info'))
