-- CKAN 074: resources belong to their dataset directly. Until now a resource pointed at a
-- resource_group and the group at the package (one group per package in practice); package_id
-- moves onto resource and resource_revision, and the resource_group tables go.
--
-- The new column is NOT NULL DEFAULT '' as in CKAN, so a resource whose package cannot be found
-- would silently end up with package_id = '' and vanish from its dataset. The assertions below
-- refuse that: every resource must come out with its package, and no revision may lose a package
-- it could be given.

-- ferry:capture resources: SELECT count(*) FROM resource
-- ferry:capture resources_without_package: SELECT count(*) FROM resource r LEFT JOIN resource_group g ON g.id = r.resource_group_id WHERE g.package_id IS NULL
-- ferry:capture revisions_without_package: SELECT count(*) FROM resource_revision r WHERE NOT EXISTS (SELECT 1 FROM resource_group g WHERE g.id = r.resource_group_id AND g.package_id IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM resource_group_revision g WHERE g.id = r.resource_group_id AND g.package_id IS NOT NULL)

-- Live resources take the package of their live group.
ALTER TABLE resource ADD COLUMN package_id text NOT NULL DEFAULT '';
UPDATE resource AS r
SET package_id = g.package_id
FROM resource_group AS g
WHERE g.id = r.resource_group_id
  AND g.package_id IS NOT NULL;

-- Revisions take the package of their group too: the live group when it still exists, else the
-- group's newest revision that names a package. (CKAN joins the group's revisions and lets the
-- database pick any of them; a group never changes package, so this only makes the choice stable.)
ALTER TABLE resource_revision ADD COLUMN package_id text NOT NULL DEFAULT '';
UPDATE resource_revision AS r
SET package_id = g.package_id
FROM (
    SELECT DISTINCT ON (id) id, package_id
    FROM (
        SELECT id, package_id, 0 AS preference, NULL::timestamp AS revision_timestamp
        FROM resource_group
        WHERE package_id IS NOT NULL
        UNION ALL
        SELECT id, package_id, 1, revision_timestamp
        FROM resource_group_revision
        WHERE package_id IS NOT NULL
    ) AS candidates
    ORDER BY id, preference, revision_timestamp DESC NULLS LAST
) AS g
WHERE g.id = r.resource_group_id;

-- resource_group_id goes, with the foreign keys and indexes built on it.
ALTER TABLE resource DROP CONSTRAINT resource_resource_group_id_fkey;
DROP INDEX idx_package_resource_pkg_id;
DROP INDEX idx_package_resource_pkg_id_resource_id;
ALTER TABLE resource DROP COLUMN resource_group_id;

ALTER TABLE resource_revision DROP CONSTRAINT resource_revision_resource_group_id_fkey;
DROP INDEX idx_resource_period_resource_group;
DROP INDEX idx_resource_resource_group_id;
ALTER TABLE resource_revision DROP COLUMN resource_group_id;

-- Then the groups themselves, the revision table first (it refers to the live one).
ALTER TABLE resource_group_revision DROP CONSTRAINT resource_group_revision_continuity_id_fkey;
DROP TABLE resource_group_revision;
DROP TABLE resource_group;

UPDATE migrate_version SET version = 74 WHERE repository_id = 'Ckan';

-- No resource was lost, and every one of them still belongs to a dataset.
-- ferry:assert SELECT count(*) = :resources FROM resource
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM resource WHERE package_id = '')
-- Every revision that could be given a package got one.
-- ferry:assert SELECT count(*) = :revisions_without_package FROM resource_revision WHERE package_id = ''
