-- CKAN 084: datasets record when they were created. Before, CKAN derived it from the revisions on
-- every read; now it is a column, filled once from the dataset's earliest revision. Datasets without
-- any dated revision stay NULL, as in CKAN (the captured count says how many there are: CKAN's
-- search indexing refuses a dataset without metadata_created). The column on package_revision is
-- added for the revision machinery and left NULL.

-- ferry:capture packages: SELECT count(*) FROM package
-- ferry:capture packages_without_revisions: SELECT count(*) FROM package p WHERE NOT EXISTS (SELECT 1 FROM package_revision r WHERE r.id = p.id AND r.revision_timestamp IS NOT NULL)

ALTER TABLE package_revision ADD COLUMN metadata_created timestamp without time zone;
ALTER TABLE package ADD COLUMN metadata_created timestamp without time zone;

UPDATE package AS p
SET metadata_created = first.revision_timestamp
FROM (
    SELECT id, min(revision_timestamp) AS revision_timestamp
    FROM package_revision
    GROUP BY id
) AS first
WHERE first.id = p.id;

UPDATE migrate_version SET version = 84 WHERE repository_id = 'Ckan';

-- Every dataset with a dated revision got a creation time, and none of its revisions is older.
-- ferry:assert SELECT count(*) = :packages_without_revisions FROM package WHERE metadata_created IS NULL
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM package p JOIN package_revision r ON r.id = p.id WHERE r.revision_timestamp < p.metadata_created)
-- ferry:assert SELECT count(*) = :packages FROM package
