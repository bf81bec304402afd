package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.schema.read.CatalogReader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bundled schema files load into an empty database and say what they claim to. */
@ExtendWith(PostgresExtension.class)
class CkanSchemaFilesTest {

    @Test
    void legacyLoadsIntoAnEmptyDatabase(TestDatabase db) {
        assertTrue(CkanSchemas.load(db, "legacy") > 100);
        assertEquals("71", db.queryString("SELECT version FROM migrate_version WHERE repository_id = 'Ckan'"));
        // CKAN 2.2 core as data.gov.uk ran it: resource groups, the old authorization tables, openid.
        for (String table : List.of("resource_group", "resource_group_revision", "user_object_role", "role_action",
                "package_role", "related", "data_cache", "harvest_coupled_resource")) {
            assertTrue(exists(db, table), table);
        }
        assertNull(db.queryString("SELECT to_regclass('resource_view')"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'user' AND column_name = 'openid'"));
        // DGU migration 058's indexes were named by PostgreSQL.
        assertEquals(2, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname IN "
                + "('activity_detail_activity_id_idx', 'activity_user_id_idx')"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_package_tag_continuity_id'"));
    }

    @Test
    void ckan28LoadsIntoAnEmptyDatabase(TestDatabase db) {
        assertTrue(CkanSchemas.load(db, "ckan-2.8") > 100);
        assertEquals("86", db.queryString("SELECT version FROM migrate_version WHERE repository_id = 'Ckan'"));
        for (String table : List.of("resource_view", "authorization_group", "harvest_log", "harvest_object_extra")) {
            assertTrue(exists(db, table), table);
        }
        for (String table : List.of("resource_group", "user_object_role", "related", "data_cache")) {
            assertFalse(exists(db, table), table);
        }
        assertEquals("package_id", db.queryString("SELECT attname FROM pg_attribute WHERE attrelid = 'resource'::regclass "
                + "AND attnum > 0 ORDER BY attnum DESC LIMIT 1"));
    }

    @Test
    void ckan211LoadsIntoAnEmptyDatabaseWithEveryVersionTableAtItsHead(TestDatabase db) {
        assertTrue(CkanSchemas.load(db, "ckan-2.11") > 100);
        assertEquals("4a5e3465beb6", db.queryString("SELECT string_agg(version_num, ',') FROM alembic_version"));
        assertEquals("fab3bfdcf830", db.queryString("SELECT string_agg(version_num, ',') FROM activity_alembic_version"));
        assertEquals("6313f7679d5f", db.queryString("SELECT string_agg(version_num, ',') FROM tracking_alembic_version"));
        assertEquals("75d650dfd519", db.queryString("SELECT string_agg(version_num, ',') FROM harvest_alembic_version"));
        for (String table : List.of("resource_view", "package_member", "api_token", "harvest_log", "tracking_raw")) {
            assertTrue(exists(db, table), table);
        }
        for (String table : List.of("migrate_version", "rating", "authorization_group", "resource_group")) {
            assertFalse(exists(db, table), table);
        }
        assertEquals("_text", db.queryString("SELECT udt_name FROM information_schema.columns "
                + "WHERE table_name = 'activity' AND column_name = 'permission_labels'"));
        assertEquals("PRIMARY KEY (user_key, url, access_timestamp)",
                db.queryString("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'tracking_raw_pkey'"));
    }

    @Test
    void ckan211IsCkan29WithCkan210And211sSteps() {
        TestDatabase ckan29 = PostgresExtension.newDatabase("ckan29_to_211");
        CkanSchemas.load(ckan29, "ckan-2.9");
        String differences = CkanSchemas.differences(CatalogReader.read(ckan29.spec()),
                CkanSchemas.ckan211());
        for (String change : List.of("DROP TABLE \"public\".\"rating\"", "ADD COLUMN \"last_active\"",
                "ADD COLUMN \"plugin_data\"", "ADD COLUMN \"permission_labels\" text[]", "idx_only_one_active_email",
                "idx_view_resource_id", "resource_package_id_fkey", "tracking_raw_pkey", "DROP COLUMN \"webstore_url\"",
                "DROP INDEX \"public\".\"idx_pkg_title\"", "CREATE TABLE \"public\".\"harvest_alembic_version\"")) {
            assertTrue(differences.contains(change), change + " in\n" + differences);
        }
    }

    @Test
    void theTwoSchemasShareMostOfTheCoreButNotAll() {
        TestDatabase legacy = PostgresExtension.newDatabase("legacy");
        CkanSchemas.load(legacy, "legacy");
        CkanSchemas.dropNonCore(legacy);
        String differences = CkanSchemas.differencesFromCkan28Core(legacy);
        // The comparison sees what 072-086 change, e.g. the dropped tables and the moved column.
        assertTrue(differences.contains("DROP TABLE \"public\".\"resource_group\""), differences);
        assertTrue(differences.contains("ADD COLUMN \"package_id\" text"), differences);
        assertTrue(differences.contains("column order of \"public\".\"package\":"), differences);
    }

    private static boolean exists(TestDatabase db, String table) {
        return db.queryString("SELECT to_regclass('" + table + "')") != null;
    }
}
