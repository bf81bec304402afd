-- CKAN 2.9's migrate_package_activity.py, done in bulk. Before CKAN 2.9 a dataset's activity held only
-- the dataset's own row; since 2.9 it holds the whole dataset as package_show showed it then, so that
-- the activity stream can show each version and the changes between them. CKAN's script rebuilds
-- that dataset for every old activity from the revision tables, one package_show per activity, and
-- is kept out of `ckan db upgrade` because it takes so long; core 089 only counts what it would
-- convert. Here every revision table is joined once with all the activities to convert, each row
-- matched to the activities whose moment falls in its period, and the activities are rewritten in
-- one statement. It needs the revision tables, which Ferry's core keeps through CKAN 2.11 (093 and
-- 100 only take the live tables' revision_id and some of their keys).
--
-- Which activities: 'new package', 'changed package' and 'deleted package' activities of every
-- dataset that still exists, unless their data already holds a whole dataset ('resources' in its
-- package: what CKAN's script checks before it converts one, so a site that ran it loses nothing).
-- CKAN's script walks only the datasets package_list names (active and public), and of each only the
-- newest activities package_activity_list returns in one page (ckan.activity_list_limit, 31 unless
-- configured); Ferry converts them all, private, draft and deleted datasets' too. The
-- activities of purged datasets stay as they are (CKAN's package_show cannot find their dataset).
--
-- What each gets, as CKAN's script writes it: {"actor": <the user's name, else the activity's
-- user_id>, "package": <the dataset at the moment of the activity's revision>}, the dataset being
-- package_dictize_with_revisions' dict after package_show's validation with the default show schema:
--   * the dataset's row from package_revision whose period (revision_timestamp <= moment <
--     expired_timestamp) holds the moment (the activity's revision's timestamp): id, name, title
--     (stripped; the name when empty), version, url, notes, author, author_email, maintainer,
--     maintainer_email, license_id, state (left out when null), owner_org, private, creator_user_id,
--     metadata_modified; type and metadata_created from the dataset as it is now (CKAN reads them
--     there too), type 'dataset' when empty;
--   * resources: active resource_revision rows of the dataset in the period, by position, each with
--     its columns (revision columns and metadata_modified left out, as CKAN does), its extras merged
--     in, a url without scheme given 'http://', and hash, format and created left out when null;
--   * tags: active package_tag_revision rows in the period, each tag's id, name, vocabulary_id,
--     state and display_name (= name), by name; extras: active package_extra_revision rows in the
--     period as key and value, by key; groups: active member_revision rows in the period whose group
--     is not an organization, each group's id, name, title, description, display_name (title, else
--     name) and image_display_url, by display_name; organization: the owner's active group_revision
--     row in the period (its columns), else null; relationships_as_subject / _as_object: the active
--     package_relationship_revision rows in the period (id, subject_package_id, object_package_id,
--     type, comment); num_resources, num_tags;
--   * license_title, license_url and isopen from the dataset's licence now, looked up in CKAN's
--     default licence list (a site with its own list, licenses_group_url, may show other titles).
-- Where CKAN cannot rebuild the dataset (the activity has no revision, the revision is missing, the
-- dataset had no row at that moment, or it has no metadata_created), its script writes only the
-- title it had recorded ({"title": ...}, "unknown" when there was none); Ferry does the same.
--
-- What differs: the keys are written in jsonb's order, not in the order of CKAN's Python dicts
-- (JSON readers do not care). "actor" comes first, which is what core 089's count and CKAN's
-- num_unmigrated look for ('{"actor"'); CKAN 2.9 and later write "package" first, so CKAN's own
-- count goes on counting activities CKAN itself wrote, and the assertions below look for the
-- actor's key instead. CKAN's validation also maps each resource's format through
-- its resource_formats.json list (e.g. 'csv' -> 'CSV'); Ferry keeps the recorded format. An
-- uploaded resource's url and a group's uploaded image are turned by CKAN into links on the site
-- (ckan.site_url), which Ferry does not know: they stay as recorded. Plugins' after_dataset_show
-- hooks do not run. Group names sort by code point (CKAN's strxfrm under the C locale). The
-- relationship entries are the rows' columns as listed above; CKAN's validation, whose relationship
-- schema knows subject and object rather than subject_package_id and object_package_id, may set them
-- out otherwise (the generated catalogs have no relationships).

-- ferry:capture activities: SELECT count(*) FROM activity
-- ferry:capture package_activities: SELECT count(*) FROM activity WHERE activity_type IN ('new package', 'changed package', 'deleted package')
-- ferry:capture to_convert: SELECT count(*) FROM activity a JOIN package p ON p.id = a.object_id WHERE a.activity_type IN ('new package', 'changed package', 'deleted package') AND (a.data::jsonb -> 'package' -> 'resources') IS NULL
-- ferry:capture already_whole: SELECT count(*) FROM activity a JOIN package p ON p.id = a.object_id WHERE a.activity_type IN ('new package', 'changed package', 'deleted package') AND (a.data::jsonb -> 'package' -> 'resources') IS NOT NULL
-- ferry:capture cannot_rebuild: SELECT count(*) FROM activity a JOIN package p ON p.id = a.object_id LEFT JOIN revision rv ON rv.id = a.revision_id WHERE a.activity_type IN ('new package', 'changed package', 'deleted package') AND (a.data::jsonb -> 'package' -> 'resources') IS NULL AND (p.metadata_created IS NULL OR NOT EXISTS (SELECT 1 FROM package_revision pr WHERE pr.id = a.object_id AND pr.revision_timestamp <= rv."timestamp" AND pr.expired_timestamp > rv."timestamp"))
-- ferry:capture of_purged_datasets: SELECT count(*) FROM activity a WHERE a.activity_type IN ('new package', 'changed package', 'deleted package') AND NOT EXISTS (SELECT 1 FROM package p WHERE p.id = a.object_id)

-- Python's datetime.isoformat(): microseconds only when there are some.
CREATE FUNCTION pg_temp.ferry_isoformat(t timestamp) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN date_part('microseconds', t)::bigint % 1000000 = 0 THEN '' ELSE to_char(t, '.US') END
$$;

-- Python's str.strip() (the ASCII white space).
CREATE FUNCTION pg_temp.ferry_strip(s text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT btrim(s, E' \t\n\r\x0b\x0c')
$$;

-- The activities to convert, each with the moment of its revision and its actor's name.
CREATE TEMPORARY TABLE ferry_converting ON COMMIT DROP AS
SELECT a.id, a.object_id AS package_id, rv."timestamp" AS at, coalesce(u.name, a.user_id) AS actor,
       a.data::jsonb AS data
FROM activity a
JOIN package p ON p.id = a.object_id
LEFT JOIN revision rv ON rv.id = a.revision_id
LEFT JOIN "user" u ON u.id = a.user_id
WHERE a.activity_type IN ('new package', 'changed package', 'deleted package')
  AND (a.data::jsonb -> 'package' -> 'resources') IS NULL;

-- The dataset's row at each activity's moment (one period holds it; the newest if periods overlap).
CREATE TEMPORARY TABLE ferry_dataset_at ON COMMIT DROP AS
SELECT DISTINCT ON (c.id) c.id AS activity_id, c.at, pr.*
FROM ferry_converting c
JOIN package_revision pr ON pr.id = c.package_id AND pr.revision_timestamp <= c.at AND pr.expired_timestamp > c.at
ORDER BY c.id, pr.revision_timestamp DESC, pr.revision_id;

-- The planner knows nothing of new temporary tables until they are analysed.
ANALYZE ferry_converting;
ANALYZE ferry_dataset_at;

CREATE TEMPORARY TABLE ferry_converted ON COMMIT DROP AS
WITH licence (id, title, url, open) AS (
    -- CKAN's default licence list (ckan/model/license.py): id, title, url ('' for none), whether open
    VALUES ('notspecified', 'License not specified', '', false),
           ('odc-pddl', 'Open Data Commons Public Domain Dedication and License (PDDL)',
            'http://www.opendefinition.org/licenses/odc-pddl', true),
           ('odc-odbl', 'Open Data Commons Open Database License (ODbL)',
            'http://www.opendefinition.org/licenses/odc-odbl', true),
           ('odc-by', 'Open Data Commons Attribution License', 'http://www.opendefinition.org/licenses/odc-by', true),
           ('cc-zero', 'Creative Commons CCZero', 'http://www.opendefinition.org/licenses/cc-zero', true),
           ('cc-by', 'Creative Commons Attribution', 'http://www.opendefinition.org/licenses/cc-by', true),
           ('cc-by-sa', 'Creative Commons Attribution Share-Alike', 'http://www.opendefinition.org/licenses/cc-by-sa',
            true),
           ('gfdl', 'GNU Free Documentation License', 'http://www.opendefinition.org/licenses/gfdl', true),
           ('other-open', 'Other (Open)', '', true),
           ('other-pd', 'Other (Public Domain)', '', true),
           ('other-at', 'Other (Attribution)', '', true),
           ('uk-ogl', 'UK Open Government Licence (OGL)',
            'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', true),
           ('cc-nc', 'Creative Commons Non-Commercial (Any)', 'http://creativecommons.org/licenses/by-nc/2.0/', false),
           ('other-nc', 'Other (Non-Commercial)', '', false),
           ('other-closed', 'Other (Not Open)', '', false)
),
resources AS (
    SELECT d.activity_id, jsonb_agg(m.merged
            - CASE WHEN m.merged -> 'hash' = 'null' THEN 'hash' ELSE '' END
            - CASE WHEN m.merged -> 'format' = 'null' THEN 'format' ELSE '' END
            - CASE WHEN m.merged -> 'created' = 'null' THEN 'created' ELSE '' END
            - CASE WHEN m.merged -> 'datastore_active' = 'null' THEN 'datastore_active' ELSE '' END
            || CASE WHEN jsonb_typeof(m.merged -> 'url') = 'string' THEN jsonb_build_object('url', pg_temp.ferry_strip(
                   CASE WHEN m.merged ->> 'url_type' = 'upload' OR m.merged ->> 'url' = ''
                             OR m.merged ->> 'url' ~ '^[A-Za-z][A-Za-z0-9+.-]*:' THEN m.merged ->> 'url'
                        ELSE 'http://' || ltrim(m.merged ->> 'url', '/') END)) ELSE '{}' END
            ORDER BY rr.position, rr.id) AS list
    FROM ferry_dataset_at d
    JOIN resource_revision rr ON rr.package_id = d.id AND rr.state = 'active'
         AND rr.revision_timestamp <= d.at AND rr.expired_timestamp > d.at
    CROSS JOIN LATERAL (
        -- The row's columns (as table_dictize gives them), then its extras merged over them.
        SELECT jsonb_build_object('id', rr.id, 'package_id', rr.package_id, 'url', rr.url, 'format', rr.format,
                   'description', rr.description, 'hash', rr.hash, 'position', rr.position, 'name', rr.name,
                   'resource_type', rr.resource_type, 'mimetype', rr.mimetype,
                   'mimetype_inner', rr.mimetype_inner, 'size', rr.size,
                   'created', pg_temp.ferry_isoformat(rr.created),
                   'last_modified', pg_temp.ferry_isoformat(rr.last_modified), 'cache_url', rr.cache_url,
                   'cache_last_updated', pg_temp.ferry_isoformat(rr.cache_last_updated),
                   'url_type', rr.url_type, 'state', rr.state)
               || CASE WHEN jsonb_typeof(nullif(rr.extras, '')::jsonb) = 'object' THEN rr.extras::jsonb
                       ELSE '{}' END AS merged
        OFFSET 0  -- built once per row, not once for each use of merged below
    ) m
    GROUP BY d.activity_id
),
tags AS (
    SELECT d.activity_id,
           jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'vocabulary_id', t.vocabulary_id,
                     'state', ptr.state, 'display_name', t.name) ORDER BY t.name COLLATE "C", t.id) AS list
    FROM ferry_dataset_at d
    JOIN package_tag_revision ptr ON ptr.package_id = d.id AND ptr.state = 'active'
         AND ptr.revision_timestamp <= d.at AND ptr.expired_timestamp > d.at
    JOIN tag t ON t.id = ptr.tag_id
    GROUP BY d.activity_id
),
extras AS (
    SELECT d.activity_id,
           jsonb_agg(jsonb_build_object('key', er.key, 'value', er.value) ORDER BY er.key COLLATE "C", er.id) AS list
    FROM ferry_dataset_at d
    JOIN package_extra_revision er ON er.package_id = d.id AND er.state = 'active'
         AND er.revision_timestamp <= d.at AND er.expired_timestamp > d.at
    GROUP BY d.activity_id
),
groups AS (
    SELECT d.activity_id,
           jsonb_agg(jsonb_strip_nulls(jsonb_build_object('id', g.id, 'name', g.name, 'title', g.title,
                     'description', g.description, 'display_name', coalesce(nullif(g.title, ''), g.name),
                     'image_display_url', g.image_url))
                     ORDER BY coalesce(nullif(g.title, ''), g.name) COLLATE "C", g.id) AS list
    FROM ferry_dataset_at d
    JOIN member_revision mr ON mr.table_id = d.id AND mr.state = 'active'
         AND mr.revision_timestamp <= d.at AND mr.expired_timestamp > d.at
    JOIN "group" g ON g.id = mr.group_id AND g.is_organization = false
    GROUP BY d.activity_id
),
organization AS (
    SELECT DISTINCT ON (d.activity_id) d.activity_id,
           jsonb_build_object('id', gr.id, 'name', gr.name, 'title', gr.title, 'type', gr.type,
                              'description', gr.description, 'image_url', gr.image_url,
                              'created', pg_temp.ferry_isoformat(gr.created), 'is_organization', gr.is_organization,
                              'approval_status', gr.approval_status, 'state', gr.state) AS org
    FROM ferry_dataset_at d
    JOIN group_revision gr ON gr.id = d.owner_org AND gr.state = 'active'
         AND gr.revision_timestamp <= d.at AND gr.expired_timestamp > d.at
    ORDER BY d.activity_id, gr.revision_timestamp DESC
),
relationships AS (
    SELECT d.activity_id,
           jsonb_agg(jsonb_build_object('id', rel.id, 'subject_package_id', rel.subject_package_id,
                     'object_package_id', rel.object_package_id, 'type', rel.type, 'comment', rel.comment)
                     ORDER BY rel.id) FILTER (WHERE rel.subject_package_id = d.id) AS as_subject,
           jsonb_agg(jsonb_build_object('id', rel.id, 'subject_package_id', rel.subject_package_id,
                     'object_package_id', rel.object_package_id, 'type', rel.type, 'comment', rel.comment)
                     ORDER BY rel.id) FILTER (WHERE rel.object_package_id = d.id) AS as_object
    FROM ferry_dataset_at d
    JOIN package_relationship_revision rel ON d.id IN (rel.subject_package_id, rel.object_package_id)
         AND rel.state = 'active' AND rel.revision_timestamp <= d.at AND rel.expired_timestamp > d.at
    GROUP BY d.activity_id
)
SELECT d.activity_id AS id,
       jsonb_build_object(
           'id', d.id, 'name', d.name,
           'title', coalesce(nullif(pg_temp.ferry_strip(d.title), ''), d.name),
           'version', d.version, 'url', d.url, 'notes', d.notes, 'author', d.author,
           'author_email', d.author_email, 'maintainer', d.maintainer, 'maintainer_email', d.maintainer_email,
           'license_id', d.license_id, 'type', coalesce(nullif(p.type, ''), 'dataset'),
           'owner_org', d.owner_org, 'private', d.private, 'creator_user_id', d.creator_user_id,
           'metadata_created', pg_temp.ferry_isoformat(p.metadata_created),
           'metadata_modified', pg_temp.ferry_isoformat(d.metadata_modified),
           'resources', coalesce(r.list, '[]'), 'num_resources', jsonb_array_length(coalesce(r.list, '[]')),
           'tags', coalesce(t.list, '[]'), 'num_tags', jsonb_array_length(coalesce(t.list, '[]')),
           'extras', coalesce(e.list, '[]'), 'groups', coalesce(g.list, '[]'), 'organization', o.org,
           'relationships_as_subject', coalesce(rel.as_subject, '[]'),
           'relationships_as_object', coalesce(rel.as_object, '[]'),
           'isopen', coalesce(l.open, false),
           'license_title', CASE WHEN l.id IS NULL THEN to_jsonb(p.license_id)
                                 WHEN l.url <> '' THEN to_jsonb(regexp_replace(l.title, '^.*::', ''))
                                 ELSE to_jsonb(l.title) END)
       || CASE WHEN d.state IS NULL THEN '{}' ELSE jsonb_build_object('state', d.state) END
       || CASE WHEN l.url <> '' THEN jsonb_build_object('license_url', l.url) ELSE '{}' END AS dataset
FROM ferry_dataset_at d
JOIN package p ON p.id = d.id
LEFT JOIN licence l ON l.id = p.license_id
LEFT JOIN resources r ON r.activity_id = d.activity_id
LEFT JOIN tags t ON t.activity_id = d.activity_id
LEFT JOIN extras e ON e.activity_id = d.activity_id
LEFT JOIN groups g ON g.activity_id = d.activity_id
LEFT JOIN organization o ON o.activity_id = d.activity_id
LEFT JOIN relationships rel ON rel.activity_id = d.activity_id
WHERE p.metadata_created IS NOT NULL;

-- The whole dataset where it could be rebuilt, else the title it had recorded.
UPDATE activity AS a
SET data = jsonb_build_object('actor', c.actor, 'package', coalesce(v.dataset, jsonb_build_object('title',
               CASE WHEN jsonb_typeof(c.data -> 'package') = 'object' AND (c.data -> 'package' -> 'title') IS NOT NULL
                    THEN c.data -> 'package' -> 'title' ELSE '"unknown"' END)))::text
FROM ferry_converting c
LEFT JOIN ferry_converted v ON v.id = c.id
WHERE a.id = c.id;

DROP FUNCTION pg_temp.ferry_isoformat(timestamp);
DROP FUNCTION pg_temp.ferry_strip(text);

-- Every dataset activity of an existing dataset now carries its actor; each one Ferry converted
-- starts with it (what core 089's count and CKAN's num_unmigrated look for) and holds the whole
-- dataset, unless CKAN could not have rebuilt it either; those a site had converted before are
-- untouched; nothing was added or lost.
-- ferry:assert SELECT count(*) = 0 FROM activity a JOIN package p ON a.object_id = p.id WHERE a.activity_type IN ('new package', 'changed package', 'deleted package') AND (a.data::jsonb -> 'actor') IS NULL
-- ferry:assert SELECT count(*) = :to_convert FROM activity a JOIN ferry_converting c ON c.id = a.id WHERE a.data LIKE '{"actor"%'
-- ferry:assert SELECT count(*) = :to_convert - :cannot_rebuild FROM activity a JOIN ferry_converting c ON c.id = a.id WHERE (a.data::jsonb -> 'package' -> 'resources') IS NOT NULL AND (a.data::jsonb -> 'package' ->> 'id') = c.package_id
-- ferry:assert SELECT count(*) = :cannot_rebuild FROM activity a JOIN package p ON p.id = a.object_id WHERE a.activity_type IN ('new package', 'changed package', 'deleted package') AND (a.data::jsonb -> 'package' -> 'resources') IS NULL
-- ferry:assert SELECT count(*) = :already_whole + :to_convert - :cannot_rebuild FROM activity a JOIN package p ON p.id = a.object_id WHERE a.activity_type IN ('new package', 'changed package', 'deleted package') AND (a.data::jsonb -> 'package' -> 'resources') IS NOT NULL
-- ferry:assert SELECT count(*) = :package_activities FROM activity WHERE activity_type IN ('new package', 'changed package', 'deleted package')
-- ferry:assert SELECT count(*) = :activities FROM activity
