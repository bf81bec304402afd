-- CKAN 080: the same index for the revisions of members, dataset tags, datasets and dataset extras.
--
-- As with 079, an index that is already there (data.gov.uk had three of the four) is kept when it
-- is the same index, instead of failing as CKAN's unconditional CREATE INDEX does.

CREATE INDEX IF NOT EXISTS idx_member_continuity_id ON member_revision (continuity_id);
CREATE INDEX IF NOT EXISTS idx_package_tag_continuity_id ON package_tag_revision (continuity_id);
CREATE INDEX IF NOT EXISTS idx_package_continuity_id ON package_revision (continuity_id);
CREATE INDEX IF NOT EXISTS idx_package_extra_continuity_id ON package_extra_revision (continuity_id);

UPDATE migrate_version SET version = 80 WHERE repository_id = 'Ckan';

-- ferry:assert SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'member_revision' AND indexname = 'idx_member_continuity_id' AND indexdef LIKE '% USING btree (continuity_id)')
-- ferry:assert SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'package_tag_revision' AND indexname = 'idx_package_tag_continuity_id' AND indexdef LIKE '% USING btree (continuity_id)')
-- ferry:assert SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'package_revision' AND indexname = 'idx_package_continuity_id' AND indexdef LIKE '% USING btree (continuity_id)')
-- ferry:assert SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'package_extra_revision' AND indexname = 'idx_package_extra_continuity_id' AND indexdef LIKE '% USING btree (continuity_id)')
