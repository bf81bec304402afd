package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.migrate.Migrator;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The core module takes a CKAN 2.9 database (alembic ccd38ad5fced) through CKAN 2.10's steps 101-104
 * to CKAN 2.11's 105: what each adds and drops, what it counted, and the two steps that refuse rows
 * their new unique index or foreign key would reject, naming the rows and rolling back.
 */
@ExtendWith(PostgresExtension.class)
class Core211MigrationTest {

    /** A CKAN 2.9 catalog in miniature: users, a dataset with a resource and a view, a rating. */
    static final String CKAN29_DATA = """
            INSERT INTO "user" (id, name, email, state) VALUES
              ('u-1', 'jane', 'jane@example.org', 'active'),
              ('u-2', 'joe', 'joe@example.org', 'active'),
              ('u-3', 'old-jane', 'jane@example.org', 'deleted'),
              ('u-4', 'nomail-1', NULL, 'active'),
              ('u-5', 'nomail-2', NULL, 'active');
            INSERT INTO package (id, name, title, state, type, private)
              VALUES ('pkg-1', 'spend', 'Spend', 'active', 'dataset', false);
            INSERT INTO resource (id, url, format, state, package_id, webstore_url, webstore_last_updated) VALUES
              ('res-1', 'https://example.org/spend.csv', 'CSV', 'active', 'pkg-1', 'https://webstore/x', NULL),
              ('res-2', 'https://example.org/spend.json', 'JSON', 'active', 'pkg-1', NULL, '2012-01-01');
            INSERT INTO resource_view (id, resource_id, title, view_type, "order")
              VALUES ('rv-1', 'res-1', 'Table', 'datatables_view', 0);
            INSERT INTO rating (id, user_id, rating, created, package_id)
              VALUES ('rt-1', 'u-1', 4.0, '2013-01-01', 'pkg-1');
            """;

    @Test
    void takesCkan29ThroughCkan210ToCkan211(TestDatabase db) {
        CkanSchemas.load(db, "ckan-2.9");
        db.execute(CKAN29_DATA);

        Migrator.Result result = CkanSchemas.migrateCore(db);

        assertEquals(IntStream.rangeClosed(101, 105).mapToObj(String::valueOf).toList(),
                result.applied().stream().map(m -> m.version().toString()).toList());
        assertEquals("100", db.queryString("SELECT version FROM ferry_schema_history WHERE type = 'BASELINE'"));
        assertEquals("4a5e3465beb6", db.queryString("SELECT string_agg(version_num, ',') FROM alembic_version"));
        // 101, 103: new columns, at the end of their tables.
        assertEquals("last_active", lastColumn(db, "user"));
        assertEquals("plugin_data", lastColumn(db, "package"));
        // 102, 104: the new indexes.
        assertEquals("CREATE UNIQUE INDEX idx_only_one_active_email ON public.\"user\" USING btree (email, state) "
                + "WHERE (state = 'active'::text)",
                db.queryString("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_only_one_active_email'"));
        assertNotNull(db.queryString("SELECT to_regclass('idx_view_resource_id')"));
        // 105: rating and the webstore columns gone, counted; the key from resource to package; the
        // redundant indexes gone.
        assertNull(db.queryString("SELECT to_regclass('rating')"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'resource' "
                + "AND column_name LIKE 'webstore%'"));
        assertEquals("1/1/1/2", captures(db, 105, "ratings", "resources_with_webstore_url",
                "resources_with_webstore_last_updated", "resources"));
        assertEquals("FOREIGN KEY (package_id) REFERENCES package(id)",
                db.queryString("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'resource_package_id_fkey'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname IN ('idx_package_group_group_id', "
                + "'idx_package_group_pkg_id', 'idx_package_group_pkg_id_group_id', 'idx_pkg_id', 'idx_pkg_name', "
                + "'idx_pkg_title', 'idx_package_tag_tag_id', 'term')"));
        assertEquals(2, db.queryLong("SELECT count(*) FROM resource"));
        assertEquals(5, db.queryLong("SELECT count(*) FROM \"user\""));
        assertTrue(CkanSchemas.migrateCore(db).applied().isEmpty());
    }

    @Test
    void activeUsersSharingAnEmailStopStep102NamingThem(TestDatabase db) {
        CkanSchemas.load(db, "ckan-2.9");
        db.execute(CKAN29_DATA);
        db.execute("UPDATE \"user\" SET email = 'jane@example.org' WHERE id = 'u-2'");

        FerryException e = assertThrows(FerryException.class, () -> CkanSchemas.migrateCore(db));

        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        String message = e.getMessage();
        assertTrue(message.startsWith("core/102_ff13667243ed_only_one_active_email.sql: assertion failed (false): "
                + "SELECT :users_sharing_an_email = 0"), message);
        assertTrue(message.contains("users_sharing_an_email=2"), message);
        assertTrue(message.contains("first_users_sharing_an_email=u-1 u-2"), message);
        // Rolled back: no index, CKAN's version still 101's, the step recorded as failed.
        assertNull(db.queryString("SELECT to_regclass('idx_only_one_active_email')"));
        assertEquals("d111f446733b", db.queryString("SELECT version_num FROM alembic_version"));
        assertEquals("f", db.queryString("SELECT success FROM ferry_schema_history WHERE module = 'core' AND version = 102"));

        // The site gives one of them another address; after repair the upgrade finishes.
        db.execute("UPDATE \"user\" SET email = 'joe@example.org' WHERE id = 'u-2'");
        CkanSchemas.repair(db);
        assertEquals(4, CkanSchemas.migrateCore(db).applied().size());
    }

    @Test
    void resourcesWithoutTheirDatasetStopStep105NamingThem(TestDatabase db) {
        CkanSchemas.load(db, "ckan-2.9");
        db.execute(CKAN29_DATA);
        db.execute("""
                INSERT INTO resource (id, url, state, package_id) VALUES
                  ('res-lost', 'https://example.org/lost.csv', 'active', ''),
                  ('res-gone', 'https://example.org/gone.csv', 'deleted', 'pkg-purged');
                """);

        FerryException e = assertThrows(FerryException.class, () -> CkanSchemas.migrateCore(db));

        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        String message = e.getMessage();
        assertTrue(message.startsWith("core/105_4a5e3465beb6_autogenerate_sync.sql: assertion failed (false): "
                + "SELECT :resources_without_package = 0"), message);
        assertTrue(message.contains("resources_without_package=2"), message);
        assertTrue(message.contains("first_resources_without_package=res-gone res-lost"), message);
        // Rolled back: rating and the webstore columns are still there, no key, CKAN's version 104's.
        assertNotNull(db.queryString("SELECT to_regclass('rating')"));
        assertEquals(2, db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'resource' "
                + "AND column_name LIKE 'webstore%'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_constraint WHERE conname = 'resource_package_id_fkey'"));
        assertEquals("9f33a0280c51", db.queryString("SELECT version_num FROM alembic_version"));
        assertEquals("104", db.queryString("SELECT max(version) FROM ferry_schema_history WHERE module = 'core' "
                + "AND success"));
    }

    @Test
    void ckan210And211SitesBaselineFromTheirAlembicRevision(TestDatabase db) {
        // A CKAN 2.10 site (alembic 9f33a0280c51) that Ferry has never seen: it starts at 104.
        CkanSchemas.load(db, "ckan-2.9");
        CkanSchemas.migrateCore(db, 104);
        db.execute("DROP TABLE ferry_schema_history");
        Migrator.Result result = CkanSchemas.migrateCore(db);
        assertEquals("alembic_version 9f33a0280c51",
                db.queryString("SELECT script FROM ferry_schema_history WHERE type = 'BASELINE'"));
        assertEquals("105", result.applied().stream().map(m -> m.version().toString()).reduce("", String::concat));

        // A CKAN 2.11 site (4a5e3465beb6): at 105, nothing to do.
        db.execute("DROP TABLE ferry_schema_history");
        assertTrue(CkanSchemas.migrateCore(db).applied().isEmpty());
        assertEquals("105", db.queryString("SELECT version FROM ferry_schema_history WHERE type = 'BASELINE'"));
    }

    private static String lastColumn(TestDatabase db, String table) {
        return db.queryString("SELECT attname FROM pg_attribute WHERE attrelid = '\"" + table + "\"'::regclass "
                + "AND attnum > 0 AND NOT attisdropped ORDER BY attnum DESC LIMIT 1");
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
