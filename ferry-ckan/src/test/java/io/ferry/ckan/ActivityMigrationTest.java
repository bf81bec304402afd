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
 * The staged activity module (ckan/migrations-next/activity/): CKAN's activity plugin revisions
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
            WHERE (d ->> 'title') IS DISTINCT FROM (SELECT coalesce(nullif(trim(title), ''), name) FROM package_revision r
                       WHERE r.id = c.pkg AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp)
               OR (d ->> 'state') IS DISTINCT FROM (SELECT state FROM package_revision r
                       WHERE r.id = c.pkg AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp)
               OR (d ->> 'metadata_modified')::timestamp IS DISTINCT FROM (SELECT metadata_modified FROM package_revision r
                       WHERE r.id = c.pkg AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp)
               OR coalesce((SELECT string_agg(x ->> 'id' || ' ' || (x ->> 'url'), ',') FROM jsonb_array_elements(d -> 'resources') x), '')
                  <> coalesce((SELECT string_agg(r.id || ' ' || r.url, ',' ORDER BY r.position) FROM resource_revision r
                       WHERE r.package_id = c.pkg AND r.state = 'active'
                         AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp), '')
               OR (d ->> 'num_resources')::int <> jsonb_array_length(d -> 'resources')
               OR coalesce((SELECT string_agg(x ->> 'name', ',') FROM jsonb_array_elements(d -> 'tags') x), '')
                  <> coalesce((SELECT string_agg(t.name, ',' ORDER BY t.name COLLATE "C") FROM package_tag_revision r
                       JOIN tag t ON t.id = r.tag_id WHERE r.package_id = c.pkg AND r.state = 'active'
                         AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp), '')
               OR coalesce((SELECT string_agg((x ->> 'key') || '=' || (x ->> 'value'), ',') FROM jsonb_array_elements(d -> 'extras') x), '')
                  <> coalesce((SELECT string_agg(r.key || '=' || r.value, ',' ORDER BY r.key COLLATE "C") FROM package_extra_revision r
                       WHERE r.package_id = c.pkg AND r.state = 'active'
                         AND r.revision_timestamp <= c.at AND c.at < r.expired_timestamp), '')
               OR coalesce((SELECT string_agg(x ->> 'id', ',' ORDER BY x ->> 'id') FROM jsonb_array_elements(d -> 'groups') x), '')
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
        StagedCkan.migrateAll(db, "core@101");
        // Core 102 needs one active user per e-mail address, which is site policy (dgu's to decide);
        // here each user simply gets an address of its own.
        db.execute("UPDATE \"user\" SET email = id || '@example.org' WHERE email IS NOT NULL");
        StagedCkan.migrateAll(db, "core@105");
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

        Migrator.Result result = StagedCkan.migrateModule(db, "activity");

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
        assertTrue(StagedCkan.migrateModule(db, "activity").applied().isEmpty());
        long converted = db.queryLong("SELECT (assertions -> 'captures' ->> 'to_convert')::bigint "
                + "FROM ferry_schema_history WHERE module = 'activity' AND version = 3");
        long ms = db.queryLong("SELECT execution_ms FROM ferry_schema_history WHERE module = 'activity' AND version = 3");
        System.out.printf("activity 003: %d dataset activities converted in %d ms (%.0f activities/s)%n",
                converted, ms, converted * 1000.0 / Math.max(ms, 1));
    }
}
