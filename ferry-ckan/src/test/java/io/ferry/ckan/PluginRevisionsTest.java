package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.migrate.Migration;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin revisions on a generated legacy catalog taken to CKAN 2.11: ckanext-harvest's
 * alembic revisions (harvest 007, 008) and the tracking plugin's (tracking 001), each recorded in the
 * plugin's own version table; tracking's key refused while page views break it; a site that already
 * ran the plugins' migrations starts from what it recorded.
 */
@ExtendWith(PostgresExtension.class)
class PluginRevisionsTest {

    private static List<String> steps(List<Migration> applied) {
        return applied.stream().map(m -> m.module() + " " + m.version()).toList();
    }

    @Test
    void harvestAndTrackingRecordTheirRevisionsAndTrackingRefusesRowsThatBreakItsKey(TestDatabase db) {
        HarvestMigrationTest.generate(db, HarvestShape.DGU);
        CkanSchemas.migrateAll(db, "core@105");
        assertEquals(List.of("harvest 1", "harvest 2", "harvest 3", "harvest 4", "harvest 5", "harvest 6", "harvest 7",
                "harvest 8"), steps(CkanSchemas.migrateModule(db, "harvest").applied()));
        assertEquals("75d650dfd519", db.queryString("SELECT string_agg(version_num, ',') FROM harvest_alembic_version"));
        assertEquals("PRIMARY KEY (version_num)", db.queryString("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                + "WHERE conname = 'harvest_alembic_version_pkc'"));

        // Two page views of one visitor and URL at the same instant, and one without a time: CKAN's
        // key would fail on both.
        db.execute("INSERT INTO tracking_raw (user_key, url, tracking_type, access_timestamp) VALUES "
                + "('k1', '/dataset/a', 'page', '2020-01-01 10:00'), ('k1', '/dataset/a', 'page', '2020-01-01 10:00'), "
                + "('k2', '/dataset/b', 'page', '2020-01-01 11:00'), ('k3', '/dataset/c', 'resource', NULL)");
        FerryException refused = assertThrows(FerryException.class, () -> CkanSchemas.migrateModule(db, "tracking"));
        assertEquals(ErrorCode.ASSERTION_FAILED, refused.code());
        assertTrue(refused.getMessage().contains("views_without_time=1")
                && refused.getMessage().contains("views_at_the_same_instant=1"), refused.getMessage());
        assertEquals("", db.queryString("SELECT coalesce(string_agg(relname, ','), '') FROM pg_class "
                + "WHERE relname IN ('tracking_raw_pkey', 'tracking_alembic_version')"));

        // The site decides: the duplicate view goes, the one without a time gets one.
        db.execute("DELETE FROM tracking_raw WHERE ctid = (SELECT max(ctid) FROM tracking_raw WHERE user_key = 'k1')");
        db.execute("UPDATE tracking_raw SET access_timestamp = '2020-01-02' WHERE user_key = 'k3'");
        CkanSchemas.repair(db);
        assertEquals(List.of("tracking 1"), steps(CkanSchemas.migrateModule(db, "tracking").applied()));
        assertEquals("6313f7679d5f", db.queryString("SELECT string_agg(version_num, ',') FROM tracking_alembic_version"));
        assertEquals("PRIMARY KEY (user_key, url, access_timestamp)", db.queryString(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'tracking_raw_pkey'"));
        assertEquals(3, db.queryLong("SELECT count(*) FROM tracking_raw"));
    }

    @Test
    void aSiteThatRanThePluginsOwnMigrationsStartsFromWhatItRecorded(TestDatabase db) {
        HarvestMigrationTest.generate(db, HarvestShape.DGU);
        CkanSchemas.migrateAll(db, "core@105");
        CkanSchemas.migrateModule(db, "harvest");
        CkanSchemas.migrateModule(db, "tracking");
        // The same database as CKAN would have left it: Ferry's history forgotten for the plugins.
        db.execute("DELETE FROM ferry_schema_history WHERE module IN ('harvest', 'tracking')");

        List<String> applied = steps(CkanSchemas.migrateModule(db, "harvest").applied());
        assertEquals(List.of(), applied);
        assertEquals("8", db.queryString("SELECT max(version) FROM ferry_schema_history WHERE module = 'harvest'"));
        assertEquals(List.of(), steps(CkanSchemas.migrateModule(db, "tracking").applied()));
        assertEquals("1", db.queryString("SELECT max(version) FROM ferry_schema_history WHERE module = 'tracking'"));
    }
}
