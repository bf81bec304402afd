-- CKAN 077: system_info becomes a revisioned table like the others: a state column on both tables,
-- and the period columns every other _revision table has. A key can now appear in many revisions,
-- so the revision table's unique key on it goes.
--
-- Existing revision rows keep NULL in the new period columns, as in CKAN.

-- ferry:capture settings: SELECT count(*) FROM system_info

ALTER TABLE system_info ADD COLUMN state text NOT NULL DEFAULT 'active';
ALTER TABLE system_info_revision ADD COLUMN state text NOT NULL DEFAULT 'active';
ALTER TABLE system_info_revision
    ADD COLUMN expired_id text,
    ADD COLUMN revision_timestamp timestamp without time zone,
    ADD COLUMN expired_timestamp timestamp without time zone,
    ADD COLUMN current boolean;
ALTER TABLE system_info_revision DROP CONSTRAINT system_info_revision_key_key;

UPDATE migrate_version SET version = 77 WHERE repository_id = 'Ckan';

-- Every setting is still there, and active.
-- ferry:assert SELECT count(*) = :settings AND bool_and(state = 'active') IS NOT FALSE FROM system_info
