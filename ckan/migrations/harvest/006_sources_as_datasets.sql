-- Today's extension keeps every harvest source as a dataset of type "harvest" with the source's id:
-- the web pages, the API and the search index know a source only through that dataset. The old
-- extension had no such datasets (data.gov.uk's fork had the conversion switched off), and the new
-- one creates them on start-up, one API call per source, inside whatever web request or command
-- comes first. This step does it once, here, for all sources at a time.
--
-- Which sources: the active ones that have no dataset with their id yet, as the extension chose.
-- Inactive sources stay as they are, without a dataset. A source whose id is already taken by
-- another kind of dataset, or by a deleted one, cannot be converted: the last assertion stops the
-- step and names the count instead of leaving a source behind without a dataset.
--
-- What each dataset gets, as the extension would have given it:
--   * id = the source's id; title = the source's title, or its URL when it has none; notes = the
--     description; url; owner_org = the publisher, when that is an active organization (with the
--     organization's member row); creator_user_id = the user who made the source, if still there;
--     active, public, created and modified when the source was created (or, for sources with no
--     creation time, when the newest source was): not now(), so that the step gives the same rows
--     every time it runs on the same catalog, and a rerun or resumed move ends byte for byte as an
--     uninterrupted one;
--   * name = the title made into a dataset name the way CKAN does it (accents folded, spaces, dots,
--     colons and slashes made dashes, other characters dropped, lower case, "_" made "-", runs of
--     dashes collapsed and trimmed, at most 95 characters keeping a trailing year), or the source's
--     id when that leaves fewer than 2 characters. When the name is already a dataset's, or several
--     sources share it, every source but the earliest created gets "-" and the first five
--     characters of its id (the extension added five random ones);
--   * extras source_type, frequency (MANUAL when none was set) and config (when there is one);
--   * on CKAN 2.8's schema, one revision for the whole step, with the dataset's, extras' and
--     membership's revision rows, as CKAN 2.8 writes them. Where core has already gone on to CKAN
--     2.9 (093 removed revision_id from the live tables), no revision rows, as CKAN 2.9 writes none.
--     No activity rows: nobody did this on the site.
--
-- This text runs on CKAN 2.8's tables and on CKAN 2.9's: core's steps after 086 may have run before
-- it. The earlier texts of this step, which ran on 2.8's tables only, count as this one on a site
-- that applied them (their checksums):
-- ferry:replaces cc289519b20623b4239f923a9766e5dadf0c20d15af55357993193796521314b
-- ferry:replaces 4e4826f830979625a7fcdad1bb4925fe76da09e11a12d6908aa2fd5680b48bd6

-- ferry:capture active_sources: SELECT count(*) FROM harvest_source WHERE active
-- ferry:capture to_convert: SELECT count(*) FROM harvest_source s WHERE s.active AND NOT EXISTS (SELECT 1 FROM package p WHERE p.id = s.id)
-- ferry:capture with_publisher: SELECT count(*) FROM harvest_source s WHERE s.active AND NOT EXISTS (SELECT 1 FROM package p WHERE p.id = s.id) AND EXISTS (SELECT 1 FROM "group" g WHERE g.id = s.publisher_id AND g.is_organization AND g.state = 'active')
-- ferry:capture with_config: SELECT count(*) FROM harvest_source s WHERE s.active AND NOT EXISTS (SELECT 1 FROM package p WHERE p.id = s.id) AND s.config <> ''
-- ferry:capture packages: SELECT count(*) FROM package
-- ferry:capture harvest_packages: SELECT count(*) FROM package WHERE type = 'harvest'
-- ferry:capture package_revisions: SELECT count(*) FROM package_revision
-- ferry:capture extras: SELECT count(*) FROM package_extra
-- ferry:capture extra_revisions: SELECT count(*) FROM package_extra_revision
-- ferry:capture members: SELECT count(*) FROM member
-- ferry:capture member_revisions: SELECT count(*) FROM member_revision
-- ferry:capture revisioned: SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'package' AND column_name = 'revision_id'

CREATE TEMPORARY TABLE ferry_harvest_dataset ON COMMIT DROP AS
WITH source AS (
    SELECT s.id, s.url, coalesce(s.title, s.url) AS title, s.description AS notes, s.type, s.config,
           coalesce(s.frequency, 'MANUAL') AS frequency, s.created,
           (SELECT g.id FROM "group" g WHERE g.id = s.publisher_id AND g.is_organization AND g.state = 'active')
               AS owner_org,
           (SELECT u.id FROM "user" u WHERE u.id = s.user_id) AS creator_user_id,
           coalesce(
               CASE WHEN length(munged.name) <= 95 THEN munged.name
                    WHEN munged.year IS NOT NULL
                        THEN left(munged.name, 95 - length(munged.year) - 1) || '-' || munged.year
                    ELSE left(munged.name, 95)
               END, s.id) AS base
    FROM harvest_source s
    CROSS JOIN LATERAL (
        SELECT nullif(btrim(regexp_replace(replace(lower(regexp_replace(regexp_replace(
                   translate(s.title,
                             'ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿÑñÇçŠšŽž',
                             'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOOooooooUUUUuuuuYyyNnCcSsZz'),
                   '[ .:/]', '-', 'g'), '[^a-zA-Z0-9_-]', '', 'g')), '_', '-'), '-+', '-', 'g'), '-'), '') AS name
    ) AS cleaned
    CROSS JOIN LATERAL (
        SELECT CASE WHEN length(cleaned.name) >= 2 THEN cleaned.name END AS name,
               substring(cleaned.name FROM '-(([0-9]{2,4}-)?[0-9]{2,4})$') AS year
    ) AS munged
    WHERE s.active AND NOT EXISTS (SELECT 1 FROM package p WHERE p.id = s.id)
)
SELECT source.*,
       CASE WHEN row_number() OVER (PARTITION BY base ORDER BY created NULLS LAST, id) = 1
                 AND NOT EXISTS (SELECT 1 FROM package p WHERE p.name = source.base)
            THEN base
            ELSE left(base, 94) || '-' || left(id, 5)
       END AS name
FROM source;

-- One revision for the whole step; none when there is nothing to convert.
CREATE TEMPORARY TABLE ferry_harvest_revision ON COMMIT DROP AS
SELECT md5('ferry harvest sources ' || string_agg(id, ',' ORDER BY id))::uuid::text AS id,
       coalesce(max(created), '2000-01-01 00:00:00') AS at
FROM ferry_harvest_dataset
HAVING count(*) > 0;

-- CKAN 2.8's tables (revision_id on the live rows) or CKAN 2.9's (none): the statements name
-- different columns, so they run as dynamic SQL, the one set or the other.
DO $step$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
               AND table_name = 'package' AND column_name = 'revision_id') THEN
        EXECUTE $ckan28$
INSERT INTO revision (id, "timestamp", author, message, state)
SELECT id, at, 'ferry', 'Harvest sources became datasets of type harvest', 'active'
FROM ferry_harvest_revision;

INSERT INTO package (id, name, title, url, notes, revision_id, state, type, owner_org, private,
                     metadata_modified, creator_user_id, metadata_created)
SELECT d.id, d.name, d.title, d.url, d.notes, r.id, 'active', 'harvest', d.owner_org, false,
       coalesce(d.created, r.at), d.creator_user_id, coalesce(d.created, r.at)
FROM ferry_harvest_dataset d CROSS JOIN ferry_harvest_revision r;

INSERT INTO package_revision (id, name, title, url, notes, revision_id, state, continuity_id,
                              revision_timestamp, expired_timestamp, current, type, owner_org, private,
                              metadata_modified, creator_user_id, metadata_created)
SELECT p.id, p.name, p.title, p.url, p.notes, p.revision_id, p.state, p.id,
       r.at, '9999-12-31 00:00:00', true, p.type, p.owner_org, p.private,
       p.metadata_modified, p.creator_user_id, p.metadata_created
FROM package p JOIN ferry_harvest_revision r ON r.id = p.revision_id;

INSERT INTO package_extra (id, key, value, revision_id, state, package_id)
SELECT md5(d.id || ' ' || e.key)::uuid::text, e.key, e.value, r.id, 'active', d.id
FROM ferry_harvest_dataset d
CROSS JOIN ferry_harvest_revision r
CROSS JOIN LATERAL (VALUES ('source_type', d.type), ('frequency', d.frequency), ('config', d.config)) AS e(key, value)
WHERE e.value <> '';

INSERT INTO package_extra_revision (id, key, value, revision_id, state, package_id, continuity_id,
                                    revision_timestamp, expired_timestamp, current)
SELECT e.id, e.key, e.value, e.revision_id, e.state, e.package_id, e.id, r.at, '9999-12-31 00:00:00', true
FROM package_extra e JOIN ferry_harvest_revision r ON r.id = e.revision_id;

INSERT INTO member (id, group_id, table_id, state, revision_id, table_name, capacity)
SELECT md5(d.id || ' organization')::uuid::text, d.owner_org, d.id, 'active', r.id, 'package', 'organization'
FROM ferry_harvest_dataset d CROSS JOIN ferry_harvest_revision r
WHERE d.owner_org IS NOT NULL;

INSERT INTO member_revision (id, table_id, group_id, state, revision_id, continuity_id, revision_timestamp,
                             expired_timestamp, current, table_name, capacity)
SELECT m.id, m.table_id, m.group_id, m.state, m.revision_id, m.id, r.at, '9999-12-31 00:00:00', true,
       m.table_name, m.capacity
FROM member m JOIN ferry_harvest_revision r ON r.id = m.revision_id;
        $ckan28$;
    ELSE
        -- ferry_harvest_revision only supplies the step's fallback time here.
        EXECUTE $ckan29$
INSERT INTO package (id, name, title, url, notes, state, type, owner_org, private,
                     metadata_modified, creator_user_id, metadata_created)
SELECT d.id, d.name, d.title, d.url, d.notes, 'active', 'harvest', d.owner_org, false,
       coalesce(d.created, r.at), d.creator_user_id, coalesce(d.created, r.at)
FROM ferry_harvest_dataset d CROSS JOIN ferry_harvest_revision r;

INSERT INTO package_extra (id, key, value, state, package_id)
SELECT md5(d.id || ' ' || e.key)::uuid::text, e.key, e.value, 'active', d.id
FROM ferry_harvest_dataset d
CROSS JOIN LATERAL (VALUES ('source_type', d.type), ('frequency', d.frequency), ('config', d.config)) AS e(key, value)
WHERE e.value <> '';

INSERT INTO member (id, group_id, table_id, state, table_name, capacity)
SELECT md5(d.id || ' organization')::uuid::text, d.owner_org, d.id, 'active', 'package', 'organization'
FROM ferry_harvest_dataset d
WHERE d.owner_org IS NOT NULL;
        $ckan29$;
    END IF;
END
$step$;

-- Each new dataset with (on CKAN 2.8) its revision row, two or three extras and, where it has a publisher, its
-- membership: nothing more, nothing less.
-- ferry:assert SELECT count(*) = :packages + :to_convert FROM package
-- ferry:assert SELECT count(*) = :harvest_packages + :to_convert FROM package WHERE type = 'harvest'
-- ferry:assert SELECT count(*) = :package_revisions + :to_convert * :revisioned FROM package_revision
-- ferry:assert SELECT count(*) = :extras + 2 * :to_convert + :with_config FROM package_extra
-- ferry:assert SELECT count(*) = :extra_revisions + (2 * :to_convert + :with_config) * :revisioned FROM package_extra_revision
-- ferry:assert SELECT count(*) = :members + :with_publisher FROM member
-- ferry:assert SELECT count(*) = :member_revisions + :with_publisher * :revisioned FROM member_revision
-- Every converted source's dataset says what kind of source it is.
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM ferry_harvest_dataset d WHERE NOT EXISTS (SELECT 1 FROM package_extra e WHERE e.package_id = d.id AND e.key = 'source_type' AND e.value = d.type))
-- One active harvest dataset per active source.
-- ferry:assert SELECT count(*) = :active_sources FROM harvest_source s JOIN package p ON p.id = s.id AND p.type = 'harvest' AND p.state = 'active' WHERE s.active
