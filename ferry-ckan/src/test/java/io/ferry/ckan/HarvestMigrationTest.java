package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.migrate.Migration;
import io.ferry.migrate.MigrationVersion;
import io.ferry.migrate.Migrator;
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
 * The whole CKAN pack on generated legacy catalogs: dgu, core and harvest in the engine's order, ending
 * with exactly the schema of {@code ckan-2.8.sql}; the harvest module's conversion of sources into
 * datasets and the assertions that guard it.
 */
@ExtendWith(PostgresExtension.class)
class HarvestMigrationTest {
    private static final int DATASETS = 150;

    static void generate(TestDatabase db, HarvestShape shape) {
        CatalogGenerator.generate(db.spec(), new GenerateOptions(DATASETS, 7, shape), line -> {
        });
    }

    private static List<String> steps(Migrator.Result result) {
        return steps(result.applied());
    }

    private static List<String> steps(List<Migration> applied) {
        return applied.stream().map(m -> m.module() + " " + m.version()).toList();
    }

    private static List<String> expectedSteps() {
        List<String> steps = new ArrayList<>();
        IntStream.rangeClosed(1, 16).forEach(v -> steps.add("dgu " + v));
        IntStream.rangeClosed(72, 86).forEach(v -> steps.add("core " + v));
        IntStream.rangeClosed(1, 6).forEach(v -> steps.add("harvest " + v));
        return steps;
    }

    @ParameterizedTest
    @EnumSource(HarvestShape.class)
    void eitherHarvestShapeEndsAsTheCkan28Model(HarvestShape shape, TestDatabase db) {
        generate(db, shape);
        db.execute("UPDATE harvest_source SET active = false WHERE id = (SELECT min(id) FROM harvest_source)");
        long active = db.queryLong("SELECT count(*) FROM harvest_source WHERE active "
                + "AND id <> '2c798023-abac-4785-ad19-67bd5c1aed63'");
        assertTrue(active >= 3, "the catalog has active sources of several types");

        List<Migration> applied = CkanSchemas.migrateTo28(db);

        assertEquals(expectedSteps(), steps(applied), "dgu, then core from 072, then harvest");
        assertEquals("", CkanSchemas.differencesFromCkan28(db), "the upgraded database differs from ckan-2.8.sql");

        // One active harvest dataset per active source, with the source's id, and none for the inactive one.
        assertEquals(active, db.queryLong("SELECT count(*) FROM package p JOIN harvest_source s ON s.id = p.id "
                + "WHERE p.type = 'harvest' AND p.state = 'active' AND s.active"));
        assertEquals(active, db.queryLong("SELECT count(*) FROM package WHERE type = 'harvest'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM package p JOIN harvest_source s ON s.id = p.id "
                + "WHERE NOT s.active"));
        // Each with its source's type, frequency and owner, its revision and its organization membership.
        assertEquals(0, db.queryLong("SELECT count(*) FROM package p JOIN harvest_source s ON s.id = p.id "
                + "WHERE NOT EXISTS (SELECT 1 FROM package_extra e WHERE e.package_id = p.id AND e.key = 'source_type' "
                + "AND e.value = s.type) OR NOT EXISTS (SELECT 1 FROM package_extra e WHERE e.package_id = p.id "
                + "AND e.key = 'frequency' AND e.value = s.frequency) OR p.owner_org IS DISTINCT FROM s.publisher_id "
                + "OR p.url <> s.url OR p.notes IS DISTINCT FROM s.description"));
        assertEquals(active, db.queryLong("SELECT count(*) FROM package_revision r JOIN package p ON p.id = r.id "
                + "AND p.revision_id = r.revision_id WHERE p.type = 'harvest' AND r.current"));
        assertEquals(active, db.queryLong("SELECT count(*) FROM member m JOIN package p ON p.id = m.table_id "
                + "WHERE p.type = 'harvest' AND m.capacity = 'organization' AND m.group_id = p.owner_org"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM package WHERE type = 'harvest' AND metadata_created IS NULL"));

        assertSourceDatasetsOfTheShape(db, shape);

        // A second run has nothing left to do.
        assertTrue(CkanSchemas.migrateTo28(db).isEmpty());
    }

    @Test
    void collidingNamesGetTheStartOfTheSourceIdAsASuffix(TestDatabase db) {
        generate(db, HarvestShape.DGU);
        List<String> sources = List.of(db.queryString("SELECT string_agg(id, ',' ORDER BY created, id) FROM harvest_source "
                + "WHERE active AND id <> '2c798023-abac-4785-ad19-67bd5c1aed63'").split(","));
        String first = sources.get(0);
        String second = sources.get(1);
        String third = sources.get(2);
        // Two sources share a title (accents, punctuation and case included); a third one's title is
        // already an existing dataset's name.
        db.execute("UPDATE harvest_source SET title = 'Énergie: Spend / Prices_2014' WHERE id = '" + first + "'");
        db.execute("UPDATE harvest_source SET title = 'energie spend prices 2014' WHERE id = '" + second + "'");
        String taken = db.queryString("SELECT name FROM package WHERE state = 'active' ORDER BY name LIMIT 1");
        db.execute("UPDATE harvest_source SET title = '" + taken + "' WHERE id = '" + third + "'");

        CkanSchemas.migrateAll(db);

        assertEquals("energie-spend-prices-2014", name(db, first), "the earliest source keeps the plain name");
        assertEquals("energie-spend-prices-2014-" + second.substring(0, 5), name(db, second));
        assertEquals(taken + "-" + third.substring(0, 5), name(db, third));
    }

    private static String name(TestDatabase db, String id) {
        return db.queryString("SELECT name FROM package WHERE id = '" + id + "'");
    }

    @Test
    void aDatasetThatIsNotMadeStopsTheConversionAndRollsItBack(TestDatabase db) {
        generate(db, HarvestShape.DGU);
        CkanSchemas.migrateAll(db, "harvest@5");
        // A trigger turns one new dataset into an ordinary one: the counts of harvest datasets are off.
        String source = db.queryString("SELECT min(id) FROM harvest_source WHERE active");
        db.execute("CREATE FUNCTION ferry_test_retype() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.id = '" + source + "' THEN NEW.type := 'dataset'; END IF; RETURN NEW; END $$;"
                + "CREATE TRIGGER ferry_test_retype BEFORE INSERT ON package FOR EACH ROW "
                + "EXECUTE FUNCTION ferry_test_retype()");
        long packages = db.queryLong("SELECT count(*) FROM package");

        FerryException e = assertThrows(FerryException.class, () -> CkanSchemas.migrateAll(db));

        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("harvest/006_sources_as_datasets.sql: assertion failed (false): "
                + "SELECT count(*) = :harvest_packages + :to_convert FROM package WHERE type = 'harvest'"),
                e.getMessage());
        assertRolledBack(db, packages);

        // Fixed (the trigger gone) and repaired, the rerun converts every source.
        db.execute("DROP TRIGGER ferry_test_retype ON package");
        CkanSchemas.repair(db);
        CkanSchemas.migrateAll(db);
        assertEquals(db.queryLong("SELECT count(*) FROM harvest_source WHERE active"),
                db.queryLong("SELECT count(*) FROM package WHERE type = 'harvest'"));
    }

    @Test
    void aSourceWhoseIdIsTakenByAnotherDatasetStopsTheConversion(TestDatabase db) {
        generate(db, HarvestShape.PRE_V2);
        CkanSchemas.migrateAll(db, "harvest@5");
        // A deleted dataset already has the source's id: the source cannot get its dataset.
        String source = db.queryString("SELECT min(id) FROM harvest_source WHERE active");
        db.execute("INSERT INTO package (id, name, state, type) VALUES ('" + source + "', 'old-harvest-source', "
                + "'deleted', 'harvest')");
        long packages = db.queryLong("SELECT count(*) FROM package");

        FerryException e = assertThrows(FerryException.class, () -> CkanSchemas.migrateAll(db));

        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("harvest/006_sources_as_datasets.sql: assertion failed (false): "
                + "SELECT count(*) = :active_sources FROM harvest_source s JOIN package p"), e.getMessage());
        assertRolledBack(db, packages);
    }

    private static void assertRolledBack(TestDatabase db, long packages) {
        assertEquals(packages, db.queryLong("SELECT count(*) FROM package"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM revision WHERE author = 'ferry'"));
        assertEquals("f", db.queryString("SELECT success FROM ferry_schema_history WHERE module = 'harvest' "
                + "AND version = 6"));
        assertEquals("5", db.queryString("SELECT max(version) FROM ferry_schema_history WHERE module = 'harvest' "
                + "AND success"));
    }

    @Test
    void aWrongCurrentFlagStopsTheV2Upgrade(TestDatabase db) {
        generate(db, HarvestShape.PRE_V2);
        CkanSchemas.migrateAll(db, "core@86");
        // Behind the step's back, one record's newest object loses its flag.
        db.execute("""
                CREATE FUNCTION ferry_test_unflag() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.current AND NEW.guid = (SELECT min(o.guid) FROM harvest_object o JOIN package p
                                                     ON p.id = o.package_id WHERE p.state = 'active')
                THEN NEW.current := false; END IF; RETURN NEW; END $$;
                CREATE TRIGGER ferry_test_unflag BEFORE UPDATE ON harvest_object FOR EACH ROW
                  EXECUTE FUNCTION ferry_test_unflag();
                """);

        FerryException e = assertThrows(FerryException.class, () -> CkanSchemas.migrateAll(db));

        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("harvest/001_harvest_v2.sql: assertion failed (false): "
                + "SELECT NOT :needed OR count(*) = :records_with_dataset"), e.getMessage());
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'harvest_source' "
                + "AND column_name = 'title'"), "rolled back: the v2 columns are not there");
    }

    @Test
    void aWrongObjectStateStopsTheV3Upgrade(TestDatabase db) {
        generate(db, HarvestShape.PRE_V2);
        CkanSchemas.migrateAll(db, "harvest@1");
        db.execute("""
                CREATE FUNCTION ferry_test_state() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.package_id IS NULL AND NEW.id = (SELECT min(id) FROM harvest_object WHERE package_id IS NULL)
                THEN NEW.state := 'COMPLETE'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER ferry_test_state BEFORE UPDATE ON harvest_object FOR EACH ROW
                  EXECUTE FUNCTION ferry_test_state();
                """);

        FerryException e = assertThrows(FerryException.class, () -> CkanSchemas.migrateAll(db));

        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("harvest/002_harvest_v3.sql: assertion failed (false): "
                + "SELECT NOT :needed OR count(*) = :objects - :with_dataset"), e.getMessage());
        assertNull(db.queryString("SELECT to_regclass('harvest_object_extra')"), "rolled back");
    }

    @Test
    void aForkReferenceThatIsNotTheGuidIsNotDropped(TestDatabase db) {
        generate(db, HarvestShape.DGU);
        db.execute("UPDATE harvest_object SET harvest_source_reference = 'elsewhere' "
                + "WHERE id = (SELECT min(id) FROM harvest_object WHERE guid IS NOT NULL)");

        FerryException e = assertThrows(FerryException.class, () -> CkanSchemas.migrateAll(db));

        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("harvest/003_remove_dgu_fork_columns.sql: assertion failed (false): "
                + "SELECT :references_not_guid = 0"), e.getMessage());
        assertTrue(e.getMessage().contains("references_not_guid=1"), e.getMessage());
        assertEquals(1, db.queryLong("SELECT count(*) FROM harvest_object WHERE harvest_source_reference = 'elsewhere'"));
    }

    @Test
    void aRunThatFailedInTheMiddleOfCoreCompletesOnceFixed(TestDatabase db) {
        generate(db, HarvestShape.DGU);
        // A resource whose group has no dataset: core 074 refuses to lose it.
        db.execute("""
                INSERT INTO resource_group (id, package_id, label, state, revision_id)
                  SELECT 'rg-orphan', NULL, 'default', 'active', min(id) FROM revision;
                INSERT INTO resource (id, url, format, revision_id, state, resource_group_id)
                  SELECT 'res-orphan', 'https://example.org/lost.csv', 'CSV', min(id), 'active', 'rg-orphan' FROM revision;
                """);

        FerryException e = assertThrows(FerryException.class, () -> CkanSchemas.migrateAll(db));

        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("core/074_remove_resource_groups.sql: assertion failed"), e.getMessage());
        assertEquals("16/73/", db.queryString("SELECT concat_ws('/', "
                + "(SELECT max(version) FROM ferry_schema_history WHERE module = 'dgu' AND success), "
                + "(SELECT max(version) FROM ferry_schema_history WHERE module = 'core' AND success), "
                + "coalesce((SELECT max(version)::text FROM ferry_schema_history WHERE module = 'harvest'), ''))"));
        assertEquals("73", db.queryString("SELECT version FROM migrate_version"));

        // The site decides the resource belongs to a dataset; after repair the same command finishes.
        db.execute("UPDATE resource_group SET package_id = (SELECT min(id) FROM package WHERE state = 'active') "
                + "WHERE id = 'rg-orphan'");
        CkanSchemas.repair(db);
        List<Migration> rest = CkanSchemas.migrateTo28(db);

        assertEquals(expectedSteps().subList(16 + 2, expectedSteps().size()), steps(rest), "from core 074 on");
        assertEquals("", CkanSchemas.differencesFromCkan28(db), "the upgraded database differs from ckan-2.8.sql");
        assertEquals(db.queryLong("SELECT count(*) FROM harvest_source WHERE active"),
                db.queryLong("SELECT count(*) FROM package WHERE type = 'harvest'"));
    }

    @Test
    void theBundledHarvestModuleRequiresCore86() {
        var harvest = CkanSchemas.migrations().module("harvest");
        assertEquals("core>=86", harvest.requires().stream().map(Object::toString).reduce("", String::concat));
        assertEquals(MigrationVersion.parse("8"), harvest.latest());
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8"),
                harvest.migrations().stream().map(Migration::version).map(Object::toString).toList());
    }

    /**
     * What each old harvest shape leaves in the source datasets and harvest tables: before v2 the
     * dataset is named by the source's id and titled by its URL; data.gov.uk's fork names it from the
     * title as CKAN does. Shared by the CKAN 2.8 and 2.9 end states.
     */
    static void assertSourceDatasetsOfTheShape(TestDatabase db, HarvestShape shape) {
        if (shape == HarvestShape.PRE_V2) {
            // No titles before v2: the dataset is named by the source's id and titled by its URL.
            assertEquals(0, db.queryLong("SELECT count(*) FROM package p JOIN harvest_source s ON s.id = p.id "
                    + "WHERE p.name <> s.id OR p.title <> s.url"));
            // v2 marked one current object per record with an active dataset; v3 set states and MANUAL.
            assertEquals(db.queryLong("SELECT count(DISTINCT o.guid) FROM harvest_object o JOIN package p "
                    + "ON p.id = o.package_id WHERE p.state = 'active'"),
                    db.queryLong("SELECT count(*) FROM harvest_object WHERE current"));
            assertEquals("MANUAL", db.queryString("SELECT string_agg(DISTINCT frequency, ',') FROM harvest_source"));
            assertEquals(0, db.queryLong("SELECT count(*) FROM harvest_object WHERE harvest_source_id IS NULL "
                    + "OR state IS NULL OR report_status IS NULL"));
        } else {
            // Titles made into names, the way CKAN makes them (with a suffix where two titles meet).
            assertEquals(0, db.queryLong("SELECT count(*) FROM package p JOIN harvest_source s ON s.id = p.id "
                    + "WHERE p.title <> s.title OR p.name !~ '^[a-z0-9][a-z0-9-]*[a-z0-9]$' "
                    + "OR (s.title ~ '^[A-Za-z ]+$' AND p.name NOT IN (lower(replace(s.title, ' ', '-')), "
                    + "lower(replace(s.title, ' ', '-')) || '-' || left(s.id, 5)))"));
            assertTrue(db.queryLong("SELECT count(*) FROM package p JOIN harvest_source s ON s.id = p.id "
                    + "WHERE p.name = lower(replace(s.title, ' ', '-'))") >= 3);
        }
    }
}
