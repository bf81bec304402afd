package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
