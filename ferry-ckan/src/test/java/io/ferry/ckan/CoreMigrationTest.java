package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.migrate.Baseline;
import io.ferry.migrate.Migration;
import io.ferry.migrate.Migrator;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The core module upgrades a legacy data.gov.uk database (CKAN 2.2 at 071) to CKAN 2.8 (086): it
 * baselines from migrate_version, moves the data the way CKAN does, and ends with exactly the core
 * schema CKAN 2.8 builds from its model.
 */
@ExtendWith(PostgresExtension.class)
class CoreMigrationTest {

    /**
     * A few rows of what data.gov.uk held: a publisher, datasets with their revision history, resources
     * in resource groups, extras, tags, users (one still with an OpenID), settings, activity, an old
     * role assignment and a related item.
     */
    static final String LEGACY_DATA = """
            INSERT INTO revision (id, "timestamp", author, message, state) VALUES
              ('rev-1', '2012-03-01 09:15:00', 'user_d101', 'Created dataset', 'active'),
              ('rev-2', '2013-05-10 16:40:00', 'user_d101', 'Added the 2013 file', 'active'),
              ('rev-3', '2014-01-02 11:00:00', 'user_d202', 'Created dataset', 'active'),
              ('rev-4', '2014-02-03 08:30:00', 'admin', 'Site title', 'active');

            INSERT INTO "user" (id, name, apikey, created, openid, password, fullname, email, sysadmin, state) VALUES
              ('u-admin', 'admin', 'key-0', '2011-06-01', NULL, 'hash0', '2ndline', 'ops@example.org', true, 'active'),
              ('u-101', 'user_d101', 'key-1', '2011-09-14', 'https://openid.example.org/alice', NULL, 'alice',
               'alice@example.org', false, 'active'),
              ('u-202', 'user_d202', 'key-2', '2012-02-20', NULL, 'hash2', 'bob', 'bob@example.org', false, 'active');

            INSERT INTO "group" (id, name, title, created, state, revision_id, type, approval_status, is_organization)
              VALUES ('org-co', 'cabinet-office', 'Cabinet Office', '2011-06-01', 'active', 'rev-1', 'organization',
                      'approved', true);
            INSERT INTO group_extra (id, group_id, key, value, state, revision_id)
              VALUES ('ge-1', 'org-co', 'abbreviation', 'CO', 'active', 'rev-1');

            INSERT INTO package (id, name, title, url, notes, revision_id, state, license_id, type, owner_org,
                                 private, metadata_modified, creator_user_id) VALUES
              ('pkg-spend', 'spend-over-25k-cabinet-office', 'Spend over £25,000', NULL, 'Monthly spend.', 'rev-2',
               'active', 'uk-ogl', 'dataset', 'org-co', false, '2013-05-10 16:40:00', 'u-101'),
              ('pkg-traffic', 'road-traffic-counts', 'Road traffic counts', NULL, NULL, 'rev-3', 'active', 'uk-ogl',
               'dataset', 'org-co', false, '2014-01-02 11:00:00', 'u-202'),
              ('pkg-draft', 'unpublished-draft', 'Draft with no history', NULL, NULL, NULL, 'draft', NULL, 'dataset',
               'org-co', false, NULL, NULL);
            INSERT INTO package_revision (id, name, title, revision_id, state, continuity_id, license_id,
                                          revision_timestamp, expired_timestamp, current, type, owner_org) VALUES
              ('pkg-spend', 'spend-over-25k-cabinet-office', 'Spend over £25,000', 'rev-1', 'active', 'pkg-spend',
               'uk-ogl', '2012-03-01 09:15:00', '2013-05-10 16:40:00', false, 'dataset', 'org-co'),
              ('pkg-spend', 'spend-over-25k-cabinet-office', 'Spend over £25,000', 'rev-2', 'active', 'pkg-spend',
               'uk-ogl', '2013-05-10 16:40:00', '9999-12-31 00:00:00', true, 'dataset', 'org-co'),
              ('pkg-traffic', 'road-traffic-counts', 'Road traffic counts', 'rev-3', 'active', 'pkg-traffic',
               'uk-ogl', '2014-01-02 11:00:00', '9999-12-31 00:00:00', true, 'dataset', 'org-co');

            INSERT INTO package_extra (id, key, value, revision_id, state, package_id) VALUES
              ('pe-1', 'theme-primary', 'Government Spending', 'rev-1', 'active', 'pkg-spend'),
              ('pe-2', 'update_frequency', 'monthly', 'rev-1', 'active', 'pkg-spend');
            INSERT INTO tag (id, name) VALUES ('tag-spend', 'spending');
            INSERT INTO package_tag (id, revision_id, state, package_id, tag_id)
              VALUES ('pt-1', 'rev-1', 'active', 'pkg-spend', 'tag-spend');
            INSERT INTO member (id, group_id, table_id, state, revision_id, table_name, capacity) VALUES
              ('m-1', 'org-co', 'pkg-spend', 'active', 'rev-1', 'package', 'organization'),
              ('m-2', 'org-co', 'pkg-traffic', 'active', 'rev-3', 'package', 'organization'),
              ('m-3', 'org-co', 'u-101', 'active', 'rev-1', 'user', 'editor');

            INSERT INTO resource_group (id, package_id, label, sort_order, state, revision_id) VALUES
              ('rg-spend', 'pkg-spend', 'default', '', 'active', 'rev-1'),
              ('rg-traffic', 'pkg-traffic', 'default', '', 'active', 'rev-3');
            INSERT INTO resource_group_revision (id, package_id, label, sort_order, state, revision_id, continuity_id,
                                                 revision_timestamp, current) VALUES
              ('rg-spend', 'pkg-spend', 'default', '', 'active', 'rev-1', 'rg-spend', '2012-03-01 09:15:00', true),
              ('rg-traffic', 'pkg-traffic', 'default', '', 'active', 'rev-3', 'rg-traffic', '2014-01-02 11:00:00', true);
            INSERT INTO resource (id, url, format, description, "position", revision_id, state, resource_group_id,
                                  extras, created) VALUES
              ('res-2012', 'https://example.org/spend-2012.csv', 'CSV', 'Spend 2012', 0, 'rev-1', 'active', 'rg-spend',
               '{"datafile-date": "2012"}', '2012-03-01 09:15:00'),
              ('res-2013', 'https://example.org/spend-2013.csv', 'CSV', 'Spend 2013', 1, 'rev-2', 'active', 'rg-spend',
               '{"datafile-date": "2013"}', '2013-05-10 16:40:00'),
              ('res-traffic', 'https://example.org/traffic.csv', 'CSV', 'Counts', 0, 'rev-3', 'active', 'rg-traffic',
               '{}', '2014-01-02 11:00:00');
            INSERT INTO resource_revision (id, url, format, "position", revision_id, state, resource_group_id,
                                           continuity_id, revision_timestamp, current) VALUES
              ('res-2012', 'https://example.org/spend-2012.csv', 'CSV', 0, 'rev-1', 'active', 'rg-spend', 'res-2012',
               '2012-03-01 09:15:00', true),
              ('res-2013', 'https://example.org/spend-2013.csv', 'CSV', 1, 'rev-2', 'active', 'rg-spend', 'res-2013',
               '2013-05-10 16:40:00', true),
              ('res-traffic', 'https://example.org/traffic.csv', 'CSV', 0, 'rev-3', 'active', 'rg-traffic',
               'res-traffic', '2014-01-02 11:00:00', true);

            INSERT INTO system_info (key, value, revision_id) VALUES ('ckan.site_title', 'data.gov.uk', 'rev-4');
            INSERT INTO system_info_revision (id, key, value, revision_id, continuity_id)
              SELECT id, key, value, revision_id, id FROM system_info;

            INSERT INTO activity (id, "timestamp", user_id, object_id, revision_id, activity_type, data) VALUES
              ('act-1', '2013-05-10 16:40:00', 'u-101', 'pkg-spend', 'rev-2', 'changed package', '{"package": {}}');
            INSERT INTO activity_detail (id, activity_id, object_id, object_type, activity_type, data)
              VALUES ('ad-1', 'act-1', 'res-2013', 'Resource', 'new', '{}');

            INSERT INTO user_object_role (id, user_id, context, role) VALUES ('uor-1', 'u-101', 'Package', 'admin');
            INSERT INTO package_role (user_object_role_id, package_id) VALUES ('uor-1', 'pkg-spend');

            INSERT INTO related (id, type, title, url, created, owner_id)
              VALUES ('rel-1', 'App', 'Spend explorer', 'https://apps.example.org/spend', '2013-07-01', 'u-101');
            INSERT INTO related_dataset (id, dataset_id, related_id, status)
              VALUES ('rd-1', 'pkg-spend', 'rel-1', 'active');
            """;

    @Test
    void upgradesTheLegacyDatabaseToTheSchemaCkan28BuildsFromItsModel(TestDatabase db) {
        CkanSchemas.load(db, "legacy");
        db.execute(LEGACY_DATA);

        Migrator.Result result = CkanSchemas.migrateCore(db, 86);

        assertEquals(IntStream.rangeClosed(72, 86).mapToObj(String::valueOf).toList(),
                result.applied().stream().map(m -> m.version().toString()).toList());
        assertTrue(result.applied().stream().allMatch(m -> m.module().equals("core")));
        assertEquals("86", result.versions().get("core").toString());
        assertEquals("71", db.queryString("SELECT version FROM ferry_schema_history WHERE type = 'BASELINE'"));
        assertEquals(15, db.queryLong("SELECT count(*) FROM ferry_schema_history WHERE module = 'core' "
                + "AND type <> 'BASELINE' AND success"));
        // CKAN's own bookkeeping moved along, so CKAN's tools see an 086 database.
        assertEquals("86", db.queryString("SELECT version FROM migrate_version WHERE repository_id = 'Ckan'"));

        // 074: every resource and resource revision now names its dataset; the groups are gone.
        assertEquals("res-2012=pkg-spend,res-2013=pkg-spend,res-traffic=pkg-traffic",
                db.queryString("SELECT string_agg(id || '=' || package_id, ',' ORDER BY id) FROM resource"));
        assertEquals("res-2012=pkg-spend,res-2013=pkg-spend,res-traffic=pkg-traffic",
                db.queryString("SELECT string_agg(id || '=' || package_id, ',' ORDER BY id) FROM resource_revision"));
        assertNull(db.queryString("SELECT to_regclass('resource_group')"));
        assertEquals("3/0/0", db.queryString("SELECT concat_ws('/', c->>'resources', c->>'resources_without_package', "
                + "c->>'revisions_without_package') FROM (SELECT assertions->'captures' AS c FROM ferry_schema_history "
                + "WHERE version = 74) AS h"));

        // 084: creation time from the earliest revision; a dataset without revisions stays NULL.
        assertEquals("pkg-draft=,pkg-spend=2012-03-01 09:15:00,pkg-traffic=2014-01-02 11:00:00",
                db.queryString("SELECT string_agg(id || '=' || coalesce(metadata_created::text, ''), ',' ORDER BY id) "
                        + "FROM package"));

        // 077, 078, 083, 085, 086: settings active, role tables gone, related items kept, activity
        // timestamps untouched, users kept without their OpenID (the capture counted it).
        assertEquals("ckan.site_title=active", db.queryString("SELECT key || '=' || state FROM system_info"));
        assertNull(db.queryString("SELECT to_regclass('user_object_role')"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM related_dataset"));
        assertEquals("2013-05-10 16:40:00", db.queryString("SELECT \"timestamp\"::text FROM activity"));
        assertEquals(3, db.queryLong("SELECT count(*) FROM \"user\""));
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'user' AND column_name = 'openid'"));
        assertEquals("1", db.queryString("SELECT assertions->'captures'->>'openid_users' FROM ferry_schema_history "
                + "WHERE version = 86"));
        // 081 without a DataStore list: extras untouched.
        assertEquals("{\"datafile-date\": \"2012\"}", db.queryString("SELECT extras FROM resource WHERE id = 'res-2012'"));

        // The core schema is now exactly the one CKAN 2.8 builds from its model, column order included
        // (what is not core, harvest tables and data.gov.uk's additions, is the other modules' work).
        CkanSchemas.dropNonCore(db);
        String differences = CkanSchemas.differencesFromCkan28Core(db);
        assertEquals("", differences, "the migrated core differs from ckan-2.8.sql");

        // A second run has nothing left to do.
        assertTrue(CkanSchemas.migrateCore(db, 86).applied().isEmpty());
    }

    @Test
    void withoutRelatedItemsTheRelatedTablesGoAsInCkan(TestDatabase db) {
        CkanSchemas.load(db, "legacy");
        CkanSchemas.migrateCore(db);
        assertNull(db.queryString("SELECT to_regclass('related')"));
        assertNull(db.queryString("SELECT to_regclass('related_dataset')"));
        assertEquals("0", db.queryString("SELECT assertions->'captures'->>'related_items' FROM ferry_schema_history "
                + "WHERE version = 83"));
    }

    @Test
    void datastoreResourcesAreMarkedWhenTheDatastoreTablesAreListed(TestDatabase db) {
        CkanSchemas.load(db, "legacy");
        db.execute(LEGACY_DATA);
        db.execute("CREATE SCHEMA ferry; CREATE TABLE ferry.ckan_datastore_tables (table_name text);"
                + "INSERT INTO ferry.ckan_datastore_tables VALUES ('res-traffic'), ('_table_metadata')");
        CkanSchemas.migrateCore(db);
        assertEquals("true", db.queryString("SELECT extras::jsonb->>'datastore_active' FROM resource WHERE id = 'res-traffic'"));
        assertEquals("2012", db.queryString("SELECT extras::jsonb->>'datafile-date' FROM resource WHERE id = 'res-2012'"));
        assertNull(db.queryString("SELECT extras::jsonb->>'datastore_active' FROM resource WHERE id = 'res-2012'"));
    }

    @Test
    void aResourceWhoseGroupHasNoPackageStopsTheUpgradeAt074(TestDatabase db) {
        CkanSchemas.load(db, "legacy");
        db.execute(LEGACY_DATA);
        // An orphaned group: CKAN would give its resource package_id '' and the resource would
        // silently drop out of every dataset.
        db.execute("""
                INSERT INTO resource_group (id, package_id, label, state, revision_id)
                  VALUES ('rg-orphan', NULL, 'default', 'active', 'rev-3');
                INSERT INTO resource (id, url, format, revision_id, state, resource_group_id)
                  VALUES ('res-orphan', 'https://example.org/lost.csv', 'CSV', 'rev-3', 'active', 'rg-orphan');
                """);

        FerryException e = assertThrows(FerryException.class, () -> CkanSchemas.migrateCore(db));

        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        String message = e.getMessage();
        assertTrue(message.startsWith("core/074_remove_resource_groups.sql: assertion failed (false): "
                + "SELECT NOT EXISTS (SELECT 1 FROM resource WHERE package_id = '')"), message);
        assertTrue(message.contains("resources_without_package=1"), message);
        // Rolled back: the groups and the column are still there, CKAN's version says 073.
        assertNotNull(db.queryString("SELECT to_regclass('resource_group')"));
        assertEquals("rg-orphan", db.queryString("SELECT resource_group_id FROM resource WHERE id = 'res-orphan'"));
        assertEquals("73", db.queryString("SELECT version FROM migrate_version"));
        assertEquals("f", db.queryString("SELECT success FROM ferry_schema_history WHERE version = 74"));
        assertEquals("73", db.queryString("SELECT max(version) FROM ferry_schema_history WHERE success"));
    }

    @Test
    void theBundledCoreModuleBaselinesFromCkansOwnBookkeeping() {
        var core = CkanSchemas.migrations().module("core");
        assertEquals(List.of(Baseline.ALEMBIC_VERSION, Baseline.MIGRATE_VERSION), core.baselines());
        assertEquals(IntStream.rangeClosed(72, 105).mapToObj(String::valueOf).toList(),
                core.migrations().stream().map(Migration::version).map(Object::toString).toList());
        // Each step up to 086 moves CKAN's own version to its number, as sqlalchemy-migrate would;
        // from 087 on alembic's revision, the one in the file's name.
        for (Migration m : core.migrations()) {
            String bookkeeping = m.version().isAfter(io.ferry.migrate.MigrationVersion.parse("86"))
                    ? "'" + m.script().split("_")[1] + "'"
                    : "UPDATE migrate_version SET version = " + m.version() + " WHERE repository_id = 'Ckan';";
            assertTrue(m.preview().contains(bookkeeping), m.script());
        }
    }
}
