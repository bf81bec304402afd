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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CKAN pack on generated legacy catalogs: dgu, core to CKAN 2.9 (100) and harvest end as exactly
 * ckan-2.9.sql, harvest 006 making the source datasets on CKAN 2.9's tables; and a catalog upgraded
 * to CKAN 2.8 first (core 086, harvest 006) goes on from 086 to 100.
 */
@ExtendWith(PostgresExtension.class)
class Harvest29MigrationTest {

    private static void generate(TestDatabase db, HarvestShape shape) {
        HarvestMigrationTest.generate(db, shape);
    }

    private static List<String> steps(List<Migration> applied) {
        return applied.stream().map(m -> m.module() + " " + m.version()).toList();
    }

    /** dgu, core up to CKAN 2.9 (100), then harvest to 006: the state {@code ckan-2.9.sql} describes. */
    private static List<Migration> migrateTo29(TestDatabase db) {
        List<Migration> applied = new ArrayList<>(CkanSchemas.migrateModule(db, "dgu").applied());
        applied.addAll(CkanSchemas.migrateCore(db, 100).applied());
        applied.addAll(CkanSchemas.migrateModule(db, "harvest", "harvest@6").applied());
        return applied;
    }

    private static List<String> expectedSteps() {
        List<String> steps = new ArrayList<>();
        IntStream.rangeClosed(1, 16).forEach(v -> steps.add("dgu " + v));
        IntStream.rangeClosed(72, 100).forEach(v -> steps.add("core " + v));
        IntStream.rangeClosed(1, 6).forEach(v -> steps.add("harvest " + v));
        return steps;
    }

    @ParameterizedTest
    @EnumSource(HarvestShape.class)
    void eitherHarvestShapeEndsAsTheCkan29Model(HarvestShape shape, TestDatabase db) {
        generate(db, shape);
        db.execute("UPDATE harvest_source SET active = false WHERE id = (SELECT min(id) FROM harvest_source)");
        long active = db.queryLong("SELECT count(*) FROM harvest_source WHERE active "
                + "AND id <> '2c798023-abac-4785-ad19-67bd5c1aed63'");
        assertTrue(active >= 3, "the catalog has active sources of several types");

        List<Migration> applied = migrateTo29(db);

        assertEquals(expectedSteps(), steps(applied), "dgu, then core from 072, then harvest");
        assertEquals("", CkanSchemas.differencesFromCkan29(db), "the upgraded database differs from ckan-2.9.sql");

        // One active harvest dataset per active source, with the source's id, and none for the inactive one.
        assertEquals(active, db.queryLong("SELECT count(*) FROM package p JOIN harvest_source s ON s.id = p.id "
                + "WHERE p.type = 'harvest' AND p.state = 'active' AND s.active"));
        assertEquals(active, db.queryLong("SELECT count(*) FROM package WHERE type = 'harvest'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM package p JOIN harvest_source s ON s.id = p.id "
                + "WHERE NOT s.active"));
        // Each with its source's type, frequency and owner and its organization membership; no revision,
        // since core had already reached CKAN 2.9, which writes none.
        assertEquals(0, db.queryLong("SELECT count(*) FROM package p JOIN harvest_source s ON s.id = p.id "
                + "WHERE NOT EXISTS (SELECT 1 FROM package_extra e WHERE e.package_id = p.id AND e.key = 'source_type' "
                + "AND e.value = s.type) OR NOT EXISTS (SELECT 1 FROM package_extra e WHERE e.package_id = p.id "
                + "AND e.key = 'frequency' AND e.value = s.frequency) OR p.owner_org IS DISTINCT FROM s.publisher_id "
                + "OR p.url <> s.url OR p.notes IS DISTINCT FROM s.description"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM package_revision r JOIN package p ON p.id = r.id "
                + "WHERE p.type = 'harvest'"));
        assertEquals(active, db.queryLong("SELECT count(*) FROM member m JOIN package p ON p.id = m.table_id "
                + "WHERE p.type = 'harvest' AND m.capacity = 'organization' AND m.group_id = p.owner_org"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM package WHERE type = 'harvest' AND metadata_created IS NULL"));

        HarvestMigrationTest.assertSourceDatasetsOfTheShape(db, shape);

        // Nothing is left to do up to CKAN 2.9.
        assertTrue(migrateTo29(db).isEmpty());
        // CKAN 2.10's 102 passes: dgu 016 left one active user per e-mail address (the generated twins,
        // two active users with one full name, shared one); core goes on to CKAN 2.11's head.
        assertEquals(0, db.queryLong("SELECT count(*) FROM (SELECT email FROM \"user\" WHERE state = 'active' "
                + "AND email IS NOT NULL GROUP BY email HAVING count(*) > 1) AS d"));
        assertTrue(db.queryLong("SELECT count(*) FROM ferry.ckan_shared_email") > 0);
        CkanSchemas.migrateAll(db, "core@105");
        assertEquals("4a5e3465beb6", db.queryString("SELECT version_num FROM alembic_version"));
    }

    @Test
    void aCatalogUpgradedByTodaysPackGoesOnFrom086To100(TestDatabase db) {
        generate(db, HarvestShape.DGU);
        long active = db.queryLong("SELECT count(*) FROM harvest_source WHERE active "
                + "AND id <> '2c798023-abac-4785-ad19-67bd5c1aed63'");
        // The CKAN 2.8 stop: dgu, core to 086, harvest to 006 (on CKAN 2.8's tables, with revisions).
        CkanSchemas.migrateTo28(db);
        assertEquals(active, db.queryLong("SELECT count(*) FROM package_revision r JOIN package p ON p.id = r.id "
                + "AND p.revision_id = r.revision_id WHERE p.type = 'harvest' AND r.current"));
        assertEquals("", CkanSchemas.differencesFromCkan28(db), "the upgraded database differs from ckan-2.8.sql");

        // Then core from 087 to 100: the same catalog, now exactly ckan-2.9.sql.
        assertEquals(14, CkanSchemas.migrateCore(db, 100).applied().size());
        assertEquals("", CkanSchemas.differencesFromCkan29(db), "the upgraded database differs from ckan-2.9.sql");
        assertEquals(active, db.queryLong("SELECT count(*) FROM package WHERE type = 'harvest'"));

        // A site that applied an earlier text of harvest 006 (the one that ran on CKAN 2.8's tables only)
        // is not "changed": the file names that text's checksum. Any other text still is.
        db.execute("UPDATE ferry_schema_history SET checksum = "
                + "'cc289519b20623b4239f923a9766e5dadf0c20d15af55357993193796521314b' WHERE module = 'harvest' AND version = '6'");
        assertTrue(CkanSchemas.migrateModule(db, "harvest", "harvest@6").applied().isEmpty());
        db.execute("UPDATE ferry_schema_history SET checksum = repeat('0', 64) WHERE module = 'harvest' AND version = '6'");
        FerryException changed = assertThrows(FerryException.class, () -> CkanSchemas.migrateModule(db, "harvest"));
        assertEquals(ErrorCode.VALIDATION_FAILED, changed.code());
        assertTrue(changed.getMessage().startsWith("module harvest: applied migration "), changed.getMessage());
        assertTrue(changed.getMessage().contains("006_sources_as_datasets.sql changed since it was applied"),
                changed.getMessage());
    }
}
