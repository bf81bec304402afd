package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ckan.generate.HarvestShape;
import io.ferry.migrate.Migration;
import io.ferry.migrate.Migrator;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The activity module (ckan/migrations/activity/): CKAN's activity plugin revisions
 * 71713a055d5c and fab3bfdcf830, booked in activity_alembic_version, and CKAN 2.9's
 * migrate_package_activity.py done in bulk, on a generated legacy catalog taken to CKAN 2.11 and on a
 * CKAN 2.11 site that had run the plugin's first revision.
 */
@ExtendWith(PostgresExtension.class)
class ActivityMigrationTest {

    /** Every table's row count, but Ferry's history: what a step may not change unnoticed. */
    private static final String ROW_COUNTS = """
            SELECT string_agg(table_name || '=' || (xpath('/row/c/text()', query_to_xml(
                       format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text, ' '
                       ORDER BY table_name)
            FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'ferry_schema_history'
            """;

    /** Everything of the activities but their data and labels, and the data of those that are not a dataset's. */
    private static final String ACTIVITIES_BUT_DATA = """
            SELECT md5(string_agg(concat_ws('|', id, "timestamp", user_id, object_id, revision_id, activity_type,
                       CASE WHEN activity_type LIKE '% package' THEN NULL ELSE data END), ',' ORDER BY id))
            FROM activity
            """;

    /**
     * The labels a package activity must have, worked out from the dataset here rather than as the
     * step does: public datasets 'public', others their organization, else their creator; purged
     * datasets' activities 'public', as CKAN's own step gives them.
     */
    private static final String WRONG_LABELS = """
            SELECT count(*) FROM activity a LEFT JOIN package p ON p.id = a.object_id
            WHERE a.activity_type LIKE '%% package'
              AND a.permission_labels IS DISTINCT FROM (
                  CASE WHEN p.id IS NULL THEN '{public}'
                       WHEN p.private IS NOT TRUE AND p.state = 'active' THEN '{public}'
                       WHEN length(p.owner_org) > 0 THEN '{member-' || p.owner_org || '}'
                       ELSE '{creator-' || coalesce(p.creator_user_id, 'None') || '}' END)::text[]
              %s
            """;

    /**
     * For each converted activity, the dataset at its revision's moment read from the revision tables
     * one activity at a time (correlated subqueries), against what the step wrote: title, state,
     * resources (ids by position, with their urls), tags, extras, groups and organization. Counts
     * the activities where anything differs.
     */
    private static final String MISMATCHED_DATASETS = """
            WITH c AS (
                SELECT a.id, a.object_id AS pkg, rv."timestamp" AS at, a.data::jsonb -> 'package' AS d
                FROM activity a JOIN revision rv ON rv.id = a.revision_id
                WHERE a.activity_type IN ('new package', 'changed package', 'deleted package')
                  AND (a.data::jsonb -> 'package' -> 'resources') IS NOT NULL
            )
            SELECT count(*) FROM c
            WHERE (d ->> 'title') IS DISTINCT FROM (SELECT coalesce(nullif(trim(title), ''), name)
                       FROM package_revision r
                       WHERE r.id = c.pkg AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp)
               OR (d ->> 'state') IS DISTINCT FROM (SELECT state FROM package_revision r
                       WHERE r.id = c.pkg AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp)
               OR (d ->> 'metadata_modified')::timestamp IS DISTINCT FROM (SELECT metadata_modified
                       FROM package_revision r
                       WHERE r.id = c.pkg AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp)
               OR coalesce((SELECT string_agg(x ->> 'id' || ' ' || (x ->> 'url'), ',')
                       FROM jsonb_array_elements(d -> 'resources') x), '')
                  <> coalesce((SELECT string_agg(r.id || ' ' || r.url, ',' ORDER BY r.position)
                       FROM resource_revision r
                       WHERE r.package_id = c.pkg AND r.state = 'active'
                         AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp), '')
               OR (d ->> 'num_resources')::int <> jsonb_array_length(d -> 'resources')
               OR coalesce((SELECT string_agg(x ->> 'name', ',') FROM jsonb_array_elements(d -> 'tags') x), '')
                  <> coalesce((SELECT string_agg(t.name, ',' ORDER BY t.name COLLATE "C")
                       FROM package_tag_revision r
                       JOIN tag t ON t.id = r.tag_id WHERE r.package_id = c.pkg AND r.state = 'active'
                         AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp), '')
               OR coalesce((SELECT string_agg((x ->> 'key') || '=' || (x ->> 'value'), ',')
                       FROM jsonb_array_elements(d -> 'extras') x), '')
                  <> coalesce((SELECT string_agg(r.key || '=' || r.value, ',' ORDER BY r.key COLLATE "C")
                       FROM package_extra_revision r
                       WHERE r.package_id = c.pkg AND r.state = 'active'
                         AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp), '')
               OR coalesce((SELECT string_agg(x ->> 'id', ',' ORDER BY x ->> 'id')
                       FROM jsonb_array_elements(d -> 'groups') x), '')
                  <> coalesce((SELECT string_agg(m.group_id, ',' ORDER BY m.group_id) FROM member_revision m
                       JOIN "group" g ON g.id = m.group_id AND NOT g.is_organization
                       WHERE m.table_id = c.pkg AND m.state = 'active'
                         AND m.revision_timestamp <= c.at AND c.at < m.expired_timestamp), '')
               OR (d -> 'organization' ->> 'title') IS DISTINCT FROM (SELECT g.title FROM group_revision g
                       JOIN package_revision r ON r.owner_org = g.id AND r.id = c.pkg
                         AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp
                       WHERE g.state = 'active' AND g.revision_timestamp <= c.at AND c.at < g.expired_timestamp)
            """;

    private static List<String> steps(List<Migration> applied) {
        return applied.stream().map(m -> m.module() + " " + m.version()).toList();
    }

    @Test
    void aLegacyCatalogAtCkan211GetsLabelsAndWholeDatasetsInItsActivities(TestDatabase db) {
        HarvestMigrationTest.generate(db, HarvestShape.DGU);
        CkanSchemas.migrateAll(db, "core@101");
        // Core 102 needs one active user per e-mail address, which is site policy (dgu's to decide);
        // here each user simply gets an address of its own.
        db.execute("UPDATE \"user\" SET email = id || '@example.org' WHERE email IS NOT NULL");
        CkanSchemas.migrateAll(db, "core@105");
        // Activities the generator does not write: of a private dataset of an organization, of a draft
        // without one (so its creator's label), and of a purged dataset.
        db.execute("""
                UPDATE package SET owner_org = NULL WHERE id = (SELECT min(id) FROM package WHERE state = 'draft');
                INSERT INTO activity (id, "timestamp", user_id, object_id, revision_id, activity_type, data)
                SELECT 'private-' || p.id, pr.revision_timestamp, p.creator_user_id, p.id, pr.revision_id,
                       'changed package', '{"package": {"id": "' || p.id || '", "title": "x"}}'
                FROM package p JOIN package_revision pr ON pr.id = p.id AND pr.current
                WHERE p.id IN ((SELECT min(id) FROM package WHERE private AND state = 'active' AND owner_org IS NOT NULL),
                               (SELECT min(id) FROM package WHERE state = 'draft'));
                INSERT INTO activity (id, "timestamp", user_id, object_id, revision_id, activity_type, data)
                  VALUES ('purged-1', '2015-01-01', NULL, 'purged-dataset', NULL, 'deleted package',
                          '{"package": {"id": "purged-dataset", "title": "Gone"}}');
                """);
        assertEquals(2, db.queryLong("SELECT count(*) FROM activity WHERE id LIKE 'private-%'"));
        long packageActivities = db.queryLong("SELECT count(*) FROM activity WHERE activity_type LIKE '% package'");
        assertTrue(packageActivities > 100, "the catalog has dataset activities: " + packageActivities);
        long unmigrated = db.queryLong("SELECT (assertions -> 'captures' ->> 'unmigrated_package_activities')::bigint"
                + " FROM ferry_schema_history WHERE module = 'core' AND version = 89");
        assertTrue(unmigrated > 100, "core 089 counted the activities CKAN's script would convert: " + unmigrated);
        String countsBefore = db.queryString(ROW_COUNTS);
        String activitiesBefore = db.queryString(ACTIVITIES_BUT_DATA);

        Migrator.Result result = CkanSchemas.migrateModule(db, "activity");

        assertEquals(List.of("activity 1", "activity 2", "activity 3"), steps(result.applied()));
        assertEquals("fab3bfdcf830", db.queryString("SELECT string_agg(version_num, ',') FROM activity_alembic_version"));
        assertEquals("PRIMARY KEY (version_num)", db.queryString("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                        + "WHERE conname = 'activity_alembic_version_pkc'"));
        assertEquals("character varying(32)", db.queryString("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'activity_alembic_version'::regclass AND attname = 'version_num'"));

        // Labels: every dataset activity has its dataset's, the private ones their organization's or creator's.
        assertEquals(0, db.queryLong(WRONG_LABELS.formatted("")));
        assertEquals(0, db.queryLong("SELECT count(*) FROM activity WHERE activity_type LIKE '% package' "
                + "AND permission_labels IS NULL"));
        assertEquals("member", db.queryString("SELECT split_part(permission_labels[1], '-', 1) FROM activity a "
                + "JOIN package p ON p.id = a.object_id WHERE a.id LIKE 'private-%' AND p.private"));
        assertEquals("creator", db.queryString("SELECT split_part(permission_labels[1], '-', 1) FROM activity a "
                + "JOIN package p ON p.id = a.object_id WHERE a.id LIKE 'private-%' AND p.state = 'draft'"));
        assertTrue(db.queryLong("SELECT count(*) FROM activity a JOIN package p ON p.id = a.object_id "
                + "WHERE p.state = 'deleted' AND a.permission_labels[1] LIKE 'member-%'") > 0, "deleted datasets' too");
        assertEquals("{public}", db.queryString("SELECT permission_labels::text FROM activity WHERE id = 'purged-1'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM activity WHERE activity_type NOT LIKE '% package' "
                + "AND permission_labels IS NOT NULL"));

        // Conversion: every dataset activity of an existing dataset holds the whole dataset as it was.
        assertEquals(packageActivities - 1, db.queryLong("SELECT count(*) FROM activity a JOIN package p "
                + "ON p.id = a.object_id WHERE a.activity_type LIKE '% package' AND a.data LIKE '{\"actor\"%' "
                + "AND (a.data::jsonb -> 'package' -> 'resources') IS NOT NULL"));
        assertEquals(0, db.queryLong(MISMATCHED_DATASETS));
        // The datasets do change between activities (else the comparison proves little): resources
        // added in later revisions, titles before and after.
        assertTrue(db.queryLong("SELECT count(DISTINCT object_id) FROM activity a WHERE a.activity_type LIKE '% package' "
                + "AND (a.data::jsonb -> 'package' ->> 'num_resources')::int < (SELECT max((b.data::jsonb -> 'package' "
                + "->> 'num_resources')::int) FROM activity b WHERE b.object_id = a.object_id)") >= 5,
                "several datasets gained resources between activities");
        // Each activity's actor is its user's name.
        assertEquals(0, db.queryLong("SELECT count(*) FROM activity a JOIN \"user\" u ON u.id = a.user_id "
                + "WHERE a.activity_type LIKE '% package' AND a.data::jsonb ->> 'actor' <> u.name"));
        // CKAN's own count of what is left to convert (core 089, migrate_package_activity.py) is 0.
        assertEquals(0, db.queryLong("SELECT count(*) FROM activity a JOIN package p ON a.object_id = p.id "
                + "WHERE a.activity_type IN ('new package', 'changed package') AND a.data NOT LIKE '%{\"actor\"%' "
                + "AND p.private = false"));
        // The purged dataset's activity is left as it was.
        assertEquals("{\"package\": {\"id\": \"purged-dataset\", \"title\": \"Gone\"}}",
                db.queryString("SELECT data FROM activity WHERE id = 'purged-1'"));

        // Nothing else changed: every table's rows but the new version table's, the activities but their data.
        assertEquals(countsBefore.replace("activity_detail=", "activity_alembic_version=1 activity_detail="),
                db.queryString(ROW_COUNTS));
        assertEquals(activitiesBefore, db.queryString(ACTIVITIES_BUT_DATA));
        assertTrue(CkanSchemas.migrateModule(db, "activity").applied().isEmpty());
        long converted = db.queryLong("SELECT (assertions -> 'captures' ->> 'to_convert')::bigint "
                + "FROM ferry_schema_history WHERE module = 'activity' AND version = 3");
        long ms = db.queryLong("SELECT execution_ms FROM ferry_schema_history WHERE module = 'activity' AND version = 3");
        System.out.printf("activity 003: %d dataset activities converted in %d ms (%.0f activities/s)%n",
                converted, ms, converted * 1000.0 / Math.max(ms, 1));
    }

    /**
     * A CKAN 2.11 site's rows, written after core 105: a dataset with two revisions (its title
     * changes, a resource and a group come with the second), and its activities in CKAN 2.8's shape
     * but one CKAN 2.11 wrote (whole, labelled) and one whose revision predates the dataset.
     */
    static final String CKAN211_DATA = """
            INSERT INTO revision (id, "timestamp", author, state) VALUES
              ('rev-0', '2015-01-01 08:00:00', 'jane', 'active'),
              ('rev-1', '2016-03-01 09:15:00', 'jane', 'active'),
              ('rev-2', '2017-05-10 16:40:00.25', 'jane', 'active');
            INSERT INTO "user" (id, name, email, state) VALUES ('u-1', 'jane', 'jane@example.org', 'active');
            INSERT INTO "group" (id, name, title, state, type, is_organization, approval_status, image_url) VALUES
              ('org-1', 'cabinet-office', 'Cabinet Office', 'active', 'organization', true, 'approved', NULL),
              ('grp-1', 'health', 'Health', 'active', 'group', false, 'approved', 'https://example.org/h.png');
            INSERT INTO group_revision (id, name, title, state, type, is_organization, approval_status, created,
                                        revision_id, continuity_id, revision_timestamp, expired_timestamp, current)
              VALUES ('org-1', 'cabinet-office', 'Cabinet Office', 'active', 'organization', true, 'approved',
                      '2015-06-01 10:00:00', 'rev-1', 'org-1', '2016-03-01 09:15:00', '9999-12-31', true);
            INSERT INTO package (id, name, title, state, type, owner_org, private, license_id, creator_user_id,
                                 metadata_created, metadata_modified) VALUES
              ('pkg-1', 'spend', 'Spending', 'active', 'dataset', 'org-1', true, 'uk-ogl', 'u-1',
               '2016-03-01 09:15:00', '2017-05-10 16:40:00.25');
            INSERT INTO package_revision (id, name, title, state, license_id, type, owner_org, private,
                                          creator_user_id, metadata_created, metadata_modified, revision_id,
                                          continuity_id, revision_timestamp, expired_timestamp, current) VALUES
              ('pkg-1', 'spend', '  Spend ', 'active', 'uk-ogl', 'dataset', 'org-1', false, 'u-1',
               '2016-03-01 09:15:00', '2016-03-01 09:15:00', 'rev-1', 'pkg-1', '2016-03-01 09:15:00',
               '2017-05-10 16:40:00.25', false),
              ('pkg-1', 'spend', 'Spending', 'active', 'uk-ogl', 'dataset', 'org-1', false, 'u-1',
               '2016-03-01 09:15:00', '2017-05-10 16:40:00.25', 'rev-2', 'pkg-1', '2017-05-10 16:40:00.25',
               '9999-12-31', true);
            INSERT INTO resource_revision (id, package_id, url, format, "position", hash, extras, created, state,
                                           revision_id, continuity_id, revision_timestamp, expired_timestamp, current)
            VALUES
              ('res-1', 'pkg-1', 'example.org/spend.csv', 'CSV', 0, NULL, '{"datastore_active": false, "note": "x"}',
               '2016-03-01 09:15:00', 'active', 'rev-1', 'res-1', '2016-03-01 09:15:00', '9999-12-31', true),
              ('res-2', 'pkg-1', 'https://example.org/2.csv ', NULL, 1, 'abc', NULL, NULL, 'active', 'rev-2', 'res-2',
               '2017-05-10 16:40:00.25', '9999-12-31', true);
            INSERT INTO tag (id, name) VALUES ('tag-1', 'spending');
            INSERT INTO package_tag_revision (id, package_id, tag_id, state, revision_id, continuity_id,
                                              revision_timestamp, expired_timestamp, current)
              VALUES ('pt-1', 'pkg-1', 'tag-1', 'active', 'rev-1', 'pt-1', '2016-03-01 09:15:00', '9999-12-31', true);
            INSERT INTO package_extra_revision (id, package_id, key, value, state, revision_id, continuity_id,
                                                revision_timestamp, expired_timestamp, current) VALUES
              ('pe-1', 'pkg-1', 'theme-primary', 'government', 'active', 'rev-1', 'pe-1', '2016-03-01 09:15:00',
               '9999-12-31', true),
              ('pe-2', 'pkg-1', 'dropped', 'x', 'deleted', 'rev-1', 'pe-2', '2016-03-01 09:15:00', '9999-12-31', true);
            INSERT INTO member_revision (id, table_id, group_id, state, table_name, capacity, revision_id, continuity_id,
                                         revision_timestamp, expired_timestamp, current)
              VALUES ('m-1', 'pkg-1', 'grp-1', 'active', 'package', 'public', 'rev-2', 'm-1', '2017-05-10 16:40:00.25',
                      '9999-12-31', true);
            INSERT INTO activity (id, "timestamp", user_id, object_id, revision_id, activity_type, data,
                                  permission_labels) VALUES
              ('act-1', '2016-03-01 09:15:00', 'u-1', 'pkg-1', 'rev-1', 'new package',
               '{"package": {"id": "pkg-1", "name": "spend", "title": "Spend"}}', NULL),
              ('act-2', '2017-05-10 16:40:00.25', 'u-1', 'pkg-1', 'rev-2', 'changed package',
               '{"package": {"id": "pkg-1", "name": "spend", "title": "Spending"}}', NULL),
              ('act-3', '2015-01-01 08:00:00', 'u-1', 'pkg-1', 'rev-0', 'changed package',
               '{"package": {"id": "pkg-1", "title": "Before"}}', NULL),
              ('act-4', '2024-01-01 08:00:00', 'u-1', 'pkg-1', NULL, 'changed package',
               '{"package": {"id": "pkg-1", "resources": []}, "actor": "jane"}', '{member-org-1}');
            """;

    /** What CKAN's script writes for act-1, worked out by hand from its code (package_show of 2.11). */
    static final String ACT_1 = """
            {"actor": "jane", "package": {
              "id": "pkg-1", "name": "spend", "title": "Spend", "version": null, "url": null, "notes": null,
              "author": null, "author_email": null, "maintainer": null, "maintainer_email": null,
              "license_id": "uk-ogl", "state": "active", "type": "dataset", "owner_org": "org-1", "private": false,
              "creator_user_id": "u-1", "metadata_created": "2016-03-01T09:15:00",
              "metadata_modified": "2016-03-01T09:15:00",
              "resources": [{"id": "res-1", "package_id": "pkg-1", "url": "http://example.org/spend.csv",
                "format": "CSV", "description": null, "position": 0, "name": null, "resource_type": null,
                "mimetype": null, "mimetype_inner": null, "size": null, "created": "2016-03-01T09:15:00",
                "last_modified": null, "cache_url": null, "cache_last_updated": null, "url_type": null,
                "state": "active", "datastore_active": false, "note": "x"}],
              "num_resources": 1,
              "tags": [{"id": "tag-1", "name": "spending", "vocabulary_id": null, "state": "active",
                "display_name": "spending"}],
              "num_tags": 1,
              "extras": [{"key": "theme-primary", "value": "government"}],
              "groups": [],
              "organization": {"id": "org-1", "name": "cabinet-office", "title": "Cabinet Office",
                "type": "organization", "description": null, "image_url": null, "created": "2015-06-01T10:00:00",
                "is_organization": true, "approval_status": "approved", "state": "active"},
              "relationships_as_subject": [], "relationships_as_object": [],
              "isopen": true, "license_title": "UK Open Government Licence (OGL)",
              "license_url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}}
            """;

    @Test
    void aCkan211SiteStampedAtTheFirstRevisionRunsTheSecondAndTheConversion(TestDatabase db) {
        CkanSchemas.load(db, "ckan-2.9");
        CkanSchemas.migrateCore(db);
        // What CKAN 2.11.0's `ckan db upgrade -p activity` left: the column, its version table.
        db.execute("""
                ALTER TABLE activity ADD COLUMN permission_labels text[];
                CREATE TABLE activity_alembic_version (version_num varchar(32) NOT NULL,
                    CONSTRAINT activity_alembic_version_pkc PRIMARY KEY (version_num));
                INSERT INTO activity_alembic_version VALUES ('71713a055d5c');
                """);
        db.execute(CKAN211_DATA);

        Migrator.Result result = CkanSchemas.migrateModule(db, "activity");

        assertEquals(List.of("activity 2", "activity 3"), steps(result.applied()));
        assertEquals("1 baseline from activity_alembic_version 71713a055d5c", db.queryString("SELECT version || ' ' "
                + "|| description FROM ferry_schema_history WHERE module = 'activity' AND type = 'BASELINE'"));
        assertEquals("fab3bfdcf830", db.queryString("SELECT version_num FROM activity_alembic_version"));
        // The dataset is private now: its old activities get its organization's label; the one CKAN
        // 2.11 labelled keeps its own.
        assertEquals("act-1={member-org-1} act-2={member-org-1} act-3={member-org-1} act-4={member-org-1}",
                db.queryString("SELECT string_agg(id || '=' || permission_labels::text, ' ' ORDER BY id) FROM activity"));

        // act-1: the dataset as it was at rev-1, exactly.
        assertEquals("t", db.queryString("SELECT data::jsonb = '" + ACT_1 + "'::jsonb FROM activity WHERE id = 'act-1'"),
                () -> db.queryString("SELECT data FROM activity WHERE id = 'act-1'"));
        assertTrue(db.queryString("SELECT data FROM activity WHERE id = 'act-1'").startsWith("{\"actor\": \"jane\", "));
        // act-2: at rev-2 the new title, both resources (the second without format and created, which
        // are null, its url stripped), the group, microseconds in metadata_modified.
        assertEquals("Spending|res-1 res-2|f|f|https://example.org/2.csv|abc|2017-05-10T16:40:00.250000|"
                + "{\"id\": \"grp-1\", \"name\": \"health\", \"title\": \"Health\", \"display_name\": \"Health\", "
                + "\"image_display_url\": \"https://example.org/h.png\"}",
                db.queryString("""
                        SELECT concat_ws('|', d ->> 'title',
                            (SELECT string_agg(r ->> 'id', ' ') FROM jsonb_array_elements(d -> 'resources') r),
                            (d -> 'resources' -> 1) ? 'format' OR false, (d -> 'resources' -> 1) ? 'created' OR false,
                            d -> 'resources' -> 1 ->> 'url', d -> 'resources' -> 1 ->> 'hash',
                            d ->> 'metadata_modified', d -> 'groups' -> 0)
                        FROM (SELECT data::jsonb -> 'package' AS d FROM activity WHERE id = 'act-2') x
                        """));
        // act-3: its revision predates the dataset: the title it had recorded, as CKAN's script does.
        assertEquals("{\"actor\": \"jane\", \"package\": {\"title\": \"Before\"}}",
                db.queryString("SELECT data FROM activity WHERE id = 'act-3'"));
        // act-4: CKAN 2.11 wrote the whole dataset: left alone.
        assertEquals("{\"package\": {\"id\": \"pkg-1\", \"resources\": []}, \"actor\": \"jane\"}",
                db.queryString("SELECT data FROM activity WHERE id = 'act-4'"));
        assertEquals("1/3/1/2", db.queryString("SELECT concat_ws('/', assertions->'captures'->>'cannot_rebuild', "
                + "assertions->'captures'->>'to_convert' , assertions->'captures'->>'already_whole', "
                + "(SELECT count(*) FROM activity WHERE data::jsonb -> 'package' ? 'license_url')) "
                + "FROM ferry_schema_history WHERE module = 'activity' AND version = 3"));
    }
}
