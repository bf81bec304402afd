package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.migrate.Baseline;
import io.ferry.migrate.Migration;
import io.ferry.migrate.MigrationVersion;
import io.ferry.migrate.Migrator;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The core module upgrades a CKAN 2.8 database (086, migrate_version) to CKAN 2.9 (alembic revision
 * ccd38ad5fced): each step as CKAN's, CKAN's bookkeeping handed over to alembic_version the way
 * CKAN 2.9's first upgrade does, and the result exactly the schema of ckan-2.9.sql.
 */
@ExtendWith(PostgresExtension.class)
class Core29MigrationTest {

    /**
     * A few rows of a CKAN 2.8 catalog: revisions, an organization with a deleted extra, datasets with
     * active and deleted extras, resources (one never given a creation time), tags, a membership,
     * users, an old activity, an authorization group nobody used since CKAN 2.0, a harvest source.
     */
    static final String CKAN28_DATA = """
            INSERT INTO revision (id, "timestamp", author, message, state) VALUES
              ('rev-1', '2016-03-01 09:15:00', 'jane', 'Created', 'active'),
              ('rev-2', '2017-05-10 16:40:00', 'jane', 'Updated', 'active');
            INSERT INTO "user" (id, name, created, fullname, email, sysadmin, state) VALUES
              ('u-1', 'jane', '2015-01-01', 'Jane', 'jane@example.org', true, 'active'),
              ('u-2', 'joe', '2015-02-01', 'Joe', 'joe@example.org', false, 'active');
            INSERT INTO "group" (id, name, title, revision_id, state, type, is_organization, approval_status)
              VALUES ('org-1', 'cabinet-office', 'Cabinet Office', 'rev-1', 'active', 'organization', true, 'approved');
            INSERT INTO group_extra (id, group_id, key, value, state, revision_id) VALUES
              ('ge-1', 'org-1', 'contact-email', 'co@example.org', 'active', 'rev-1'),
              ('ge-2', 'org-1', 'foi-email', 'old@example.org', 'deleted', 'rev-2');
            INSERT INTO group_extra_revision (id, group_id, key, value, state, revision_id, continuity_id,
                                              revision_timestamp, current)
              SELECT id, group_id, key, value, state, revision_id, id, '2017-05-10 16:40:00', true FROM group_extra;
            INSERT INTO package (id, name, title, revision_id, state, type, owner_org, private, metadata_modified,
                                 creator_user_id, metadata_created) VALUES
              ('pkg-1', 'spend', 'Spend', 'rev-1', 'active', 'dataset', 'org-1', false, '2017-05-10 16:40:00',
               'u-1', '2016-03-01 09:15:00'),
              ('pkg-2', 'traffic', 'Traffic', 'rev-2', 'active', 'dataset', 'org-1', false, '2017-05-10 16:40:00',
               'u-1', '2017-05-10 16:40:00');
            INSERT INTO package_extra (id, package_id, key, value, revision_id, state) VALUES
              ('pe-1', 'pkg-1', 'theme-primary', 'government', 'rev-1', 'active'),
              ('pe-2', 'pkg-1', 'update_frequency', 'monthly', 'rev-1', 'deleted'),
              ('pe-3', 'pkg-2', 'theme-primary', 'transport', 'rev-2', 'active'),
              ('pe-4', 'pkg-2', 'geographic_coverage', 'England', 'rev-2', 'deleted'),
              ('pe-5', 'pkg-2', 'temporal_coverage', '2017', 'rev-2', 'deleted');
            INSERT INTO package_extra_revision (id, package_id, key, value, revision_id, state, continuity_id,
                                                revision_timestamp, current)
              SELECT id, package_id, key, value, revision_id, state, id, '2017-05-10 16:40:00', true FROM package_extra;
            INSERT INTO resource (id, url, format, "position", revision_id, state, created, package_id) VALUES
              ('res-1', 'https://example.org/spend.csv', 'CSV', 0, 'rev-1', 'active', '2016-03-01 09:15:00', 'pkg-1'),
              ('res-2', 'https://example.org/traffic.csv', 'CSV', 0, 'rev-2', 'active', NULL, 'pkg-2');
            INSERT INTO tag (id, name) VALUES ('tag-1', 'spending');
            INSERT INTO package_tag (id, package_id, tag_id, revision_id, state)
              VALUES ('pt-1', 'pkg-1', 'tag-1', 'rev-1', 'active');
            INSERT INTO member (id, group_id, table_id, state, revision_id, table_name, capacity) VALUES
              ('m-1', 'org-1', 'pkg-1', 'active', 'rev-1', 'package', 'organization'),
              ('m-2', 'org-1', 'u-2', 'active', 'rev-1', 'user', 'editor');
            INSERT INTO system_info (key, value, revision_id, state) VALUES ('ckan.site_title', 'Data', 'rev-2', 'active');
            INSERT INTO activity (id, "timestamp", user_id, object_id, revision_id, activity_type, data) VALUES
              ('act-1', '2017-05-10 16:40:00', 'u-1', 'pkg-2', 'rev-2', 'new package', '{"package": {}}'),
              ('act-2', '2017-05-10 16:41:00', 'u-1', 'pkg-1', 'rev-2', 'changed package', '{"actor": "jane", "package": {}}');
            INSERT INTO authorization_group (id, name) VALUES ('ag-1', 'editors');
            INSERT INTO authorization_group_user (id, authorization_group_id, user_id) VALUES ('agu-1', 'ag-1', 'u-2');
            """;

    @Test
    void upgradesCkan28ToExactlyTheSchemaOfCkan29(TestDatabase db) {
        CkanSchemas.load(db, "ckan-2.8");
        db.execute(CKAN28_DATA);

        Migrator.Result result = CkanSchemas.migrateCore(db, 100);

        assertEquals(IntStream.rangeClosed(87, 100).mapToObj(String::valueOf).toList(),
                result.applied().stream().map(m -> m.version().toString()).toList());
        assertEquals("86", db.queryString("SELECT version FROM ferry_schema_history WHERE type = 'BASELINE'"));
        // CKAN's bookkeeping as CKAN 2.9 leaves it: alembic_version alone, at 2.9's head.
        assertNull(db.queryString("SELECT to_regclass('migrate_version')"));
        assertEquals("ccd38ad5fced", db.queryString("SELECT string_agg(version_num, ',') FROM alembic_version"));
        // Exactly ckan-2.9.sql, harvest tables included, column order included.
        assertEquals("", CkanSchemas.differencesFromCkan29(db), "the upgraded database differs from ckan-2.9.sql");

        // 087: the authorization group rows were counted before their tables went.
        assertEquals("1/1", captures(db, 87, "authorization_groups", "authorization_group_users"));
        // 088: the deleted extras are gone, counted; the others and every revision row stay.
        assertEquals("5/3/2/1", captures(db, 88, "package_extras", "deleted_package_extras", "group_extras",
                "deleted_group_extras"));
        assertEquals("pe-1,pe-3", db.queryString("SELECT string_agg(id, ',' ORDER BY id) FROM package_extra"));
        assertEquals("ge-1", db.queryString("SELECT string_agg(id, ',' ORDER BY id) FROM group_extra"));
        assertEquals(5, db.queryLong("SELECT count(*) FROM package_extra_revision"));
        assertEquals(2, db.queryLong("SELECT count(*) FROM group_extra_revision"));
        // 089 changes nothing and counts the public dataset activities from before 2.9.
        assertEquals("1", captures(db, 89, "unmigrated_package_activities"));
        // 093: no live table points at a revision any more; activity keeps its revision ids.
        assertEquals("rev-2", db.queryString("SELECT revision_id FROM activity WHERE id = 'act-1'"));
        // 094: a resource's modification time is its creation time (NULL where that is NULL).
        assertEquals("res-1=2016-03-01 09:15:00,res-2=",
                db.queryString("SELECT string_agg(id || '=' || coalesce(metadata_modified::text, ''), ',' ORDER BY id) "
                        + "FROM resource"));
        assertEquals("2/1", captures(db, 94, "resources", "resources_without_created"));
        // Nothing else lost.
        assertEquals(2, db.queryLong("SELECT count(*) FROM package"));
        assertEquals(2, db.queryLong("SELECT count(*) FROM member"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM package_tag"));

        // CKAN 2.9's own upgrade would find nothing to do, and neither does Ferry's to 100.
        assertTrue(CkanSchemas.migrateCore(db, 100).applied().isEmpty());
    }

    @Test
    void eachStepMovesAlembicVersionAndMigrateVersionStaysUntil090(TestDatabase db) {
        CkanSchemas.load(db, "ckan-2.8");

        CkanSchemas.migrateCore(db, 88);
        assertEquals("3537d5420e0e", db.queryString("SELECT string_agg(version_num, ',') FROM alembic_version"));
        assertEquals("86", db.queryString("SELECT version FROM migrate_version"));

        CkanSchemas.migrateCore(db, 93);
        assertEquals("d4d9be9189fe", db.queryString("SELECT string_agg(version_num, ',') FROM alembic_version"));
        assertNull(db.queryString("SELECT to_regclass('migrate_version')"));
    }

    @Test
    void aCkan29SiteBaselinesFromAlembicVersionAndHasNothingToDo(TestDatabase db) {
        CkanSchemas.load(db, "ckan-2.9");

        Migrator.Result result = CkanSchemas.migrateCore(db, 100);

        assertTrue(result.applied().isEmpty());
        assertEquals("100", result.versions().get("core").toString());
        assertEquals("100", db.queryString("SELECT version FROM ferry_schema_history WHERE type = 'BASELINE'"));
        assertEquals("alembic_version ccd38ad5fced",
                db.queryString("SELECT script FROM ferry_schema_history WHERE type = 'BASELINE'"));
    }

    @Test
    void alembicVersionWinsWhenCkan29StoppedHalfway(TestDatabase db) {
        // As CKAN 2.9 leaves a 2.8 database upgraded to 088 only: both tables, alembic the newer word.
        CkanSchemas.load(db, "ckan-2.8");
        CkanSchemas.migrateCore(db, 88);
        db.execute("DROP TABLE ferry_schema_history");

        Migrator.Result result = CkanSchemas.migrateCore(db, 100);

        assertEquals("88", db.queryString("SELECT version FROM ferry_schema_history WHERE type = 'BASELINE'"));
        assertEquals(IntStream.rangeClosed(89, 100).mapToObj(String::valueOf).toList(),
                result.applied().stream().map(m -> m.version().toString()).toList());
        assertEquals("", CkanSchemas.differencesFromCkan29(db), "the upgraded database differs from ckan-2.9.sql");
    }

    @Test
    void upgradesTheLegacyDatabaseOnToTheCoreSchemaOfCkan29(TestDatabase db) {
        CkanSchemas.load(db, "legacy");
        db.execute(CoreMigrationTest.LEGACY_DATA);

        Migrator.Result result = CkanSchemas.migrateCore(db, 100);

        assertEquals(IntStream.rangeClosed(72, 100).mapToObj(String::valueOf).toList(),
                result.applied().stream().map(m -> m.version().toString()).toList());
        // CKAN's bookkeeping is alembic's now: migrate_version is gone, alembic_version names 100.
        assertNull(db.queryString("SELECT to_regclass('migrate_version')"));
        assertEquals("ccd38ad5fced", db.queryString("SELECT string_agg(version_num, ',') FROM alembic_version"));
        CkanSchemas.dropNonCore(db);
        assertEquals("", CkanSchemas.differencesFromCkan29Core(db), "the migrated core differs from ckan-2.9.sql");
        assertTrue(CkanSchemas.migrateCore(db, 100).applied().isEmpty());
    }

    @Test
    void theAlembicCoreStepsAreNamedAndBookedByTheirRevision() {
        var core = CkanSchemas.migrations().module("core");
        assertEquals(List.of(Baseline.ALEMBIC_VERSION, Baseline.MIGRATE_VERSION), core.baselines());
        assertEquals(IntStream.rangeClosed(72, 105).mapToObj(String::valueOf).toList(),
                core.migrations().stream().map(Migration::version).map(Object::toString).toList());
        for (Migration m : core.migrations()) {
            if (m.version().isAfter(MigrationVersion.of(86))) {
                // From CKAN 2.9 on, each step is named NNN_<alembic revision>_words and writes that
                // revision into alembic_version, as alembic would.
                String revision = m.description().split(" ")[0];
                assertTrue(revision.matches("[0-9a-f]{12}"), m.script());
                assertTrue(m.preview().contains("version_num = '" + revision + "'")
                        || m.preview().contains("VALUES ('" + revision + "')"), m.script());
            }
        }
    }

    private static String captures(TestDatabase db, int version, String... names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            out.append(out.isEmpty() ? "" : "/").append(db.queryString("SELECT assertions->'captures'->>'" + name
                    + "' FROM ferry_schema_history WHERE module = 'core' AND version = " + version));
        }
        return out.toString();
    }
}
