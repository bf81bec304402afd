package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.check.CkanVersion;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.ckan.generate.ReleaseCatalog;
import io.ferry.migrate.Migrator;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A generated catalog brought to a CKAN release is what CKAN's own upgrades leave (its bookkeeping
 * only), carries the traps asked for, and the pack upgrades it from there: without dgu's policy,
 * core stops at the first step the traps break, naming the rows, and rolls back.
 */
@ExtendWith(PostgresExtension.class)
class ReleaseCatalogTest {

    @Test
    void aCkan29CatalogWithTrapsStopsAtTheStepTheyBreak(TestDatabase db) {
        HarvestMigrationTest.generate(db, HarvestShape.DGU);
        ReleaseCatalog.Traps traps = ReleaseCatalog.bring(db.spec(), CkanVersion.V2_9, 1, 2, line -> {
        });

        assertNull(db.queryString("SELECT to_regclass('ferry_schema_history')::text"), "no Ferry history left");
        assertEquals("ccd38ad5fced", db.queryString("SELECT version_num FROM alembic_version"));
        assertEquals("75d650dfd519", db.queryString("SELECT version_num FROM harvest_alembic_version"));
        assertTrue(traps.invalidNames() > 0 && traps.sharedEmails() > 0, traps.toString());
        assertEquals(traps.invalidNames(), db.queryLong("SELECT count(*) FROM \"user\" WHERE name !~ '^[a-z0-9_-]{2,100}$'"));
        assertEquals(2, db.queryLong("SELECT count(*) FROM resource r WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = r.package_id)"));
        String sharing = "SELECT count(*) FROM \"user\" u WHERE state = 'active' AND EXISTS (SELECT 1 FROM \"user\" o "
                + "WHERE o.state = 'active' AND o.email = u.email AND o.id <> u.id)";
        assertEquals(2L * traps.sharedEmails(), db.queryLong(sharing));

        // The pack without dgu: core baselines from alembic_version and stops at 102, naming the users.
        FerryException stop = assertThrows(FerryException.class, () -> CkanSchemas.migrateModule(db, "core"));
        assertEquals(ErrorCode.ASSERTION_FAILED, stop.code());
        assertTrue(stop.getMessage().startsWith("core/102_ff13667243ed_only_one_active_email.sql: assertion failed"),
                stop.getMessage());
        assertEquals("d111f446733b", db.queryString("SELECT version_num FROM alembic_version"));
        assertEquals("100", db.queryString("SELECT version FROM ferry_schema_history WHERE type = 'BASELINE'"));
    }

    @Test
    void aCkan210CatalogHasNoSharedAddressesAndItsOrphanResourceStops105(TestDatabase db) {
        HarvestMigrationTest.generate(db, HarvestShape.PRE_V2);
        ReleaseCatalog.Traps traps = ReleaseCatalog.bring(db.spec(), CkanVersion.V2_10, 3, 1, line -> {
        });
        assertEquals(0, traps.sharedEmails());
        assertEquals("9f33a0280c51", db.queryString("SELECT version_num FROM alembic_version"));
        String orphan = db.queryString("SELECT id FROM resource r WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = r.package_id)");

        FerryException stop = assertThrows(FerryException.class, () -> CkanSchemas.migrateModule(db, "core"));
        assertTrue(stop.getMessage().startsWith("core/105_4a5e3465beb6_autogenerate_sync.sql: assertion failed")
                && stop.getMessage().contains(orphan), stop.getMessage());
        assertEquals("9f33a0280c51", db.queryString("SELECT version_num FROM alembic_version"));

        // The site decides (here: the resource goes); after repair the upgrade finishes.
        db.execute("DELETE FROM resource_view WHERE resource_id = '" + orphan + "'");
        db.execute("DELETE FROM resource WHERE id = '" + orphan + "'");
        CkanSchemas.repair(db);
        Migrator.Result done = CkanSchemas.migrateModule(db, "core");
        assertEquals("105", done.versions().get("core").toString());
    }

    @Test
    void aCatalogAt211IsNotARelease(TestDatabase db) {
        FerryException e = assertThrows(FerryException.class, () -> ReleaseCatalog.bring(db.spec(), CkanVersion.V2_11,
                1, 0, line -> {
                }));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().startsWith("--ckan must be 2.8, 2.9 or 2.10"), e.getMessage());
    }
}
