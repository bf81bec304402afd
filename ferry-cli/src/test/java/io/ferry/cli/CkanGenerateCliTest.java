package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry ckan generate} as a real process. */
@ExtendWith(PostgresExtension.class)
class CkanGenerateCliTest {
    @TempDir
    Path dir;

    @Test
    void generatesACatalogAndPrintsTheRowsPerTable(TestDatabase db) throws Exception {
        FerryProcess.Result r = FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "200",
                "--seed", "42", "--jobs", "2");
        assertEquals(0, r.exitCode(), r.all());
        assertEquals(200, db.queryLong("SELECT count(*) FROM package"));
        long resources = db.queryLong("SELECT count(*) FROM resource");
        assertTrue(r.out().lines().anyMatch(line -> line.matches("resource +" + String.format("%,d", resources))),
                r.out());
        assertTrue(r.out().contains("Generated "), r.out());
        assertEquals("71", db.queryString("SELECT version FROM migrate_version"));
    }

    @Test
    void aCatalogAtACkanReleaseWithItsTraps(TestDatabase db) throws Exception {
        FerryProcess.Result r = FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "120",
                "--ckan", "2.10", "--orphan-resources", "2");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("The catalog is at CKAN 2.10."), r.out());
        assertEquals("9f33a0280c51", db.queryString("SELECT version_num FROM alembic_version"));
        assertEquals(2, db.queryLong("SELECT count(*) FROM resource r WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = r.package_id)"));

        FerryProcess.Result alone = FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "10",
                "--orphan-resources", "1");
        assertEquals(2, alone.exitCode(), alone.all());
        assertTrue(alone.err().startsWith("ferry: --orphan-resources needs --ckan"), alone.err());
        FerryProcess.Result later = FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "10",
                "--ckan", "2.7");
        assertEquals(2, later.exitCode(), later.all());
        assertEquals(1, later.err().strip().lines().count(), later.err());
    }

    @Test
    void refusesADatabaseThatIsNotEmpty(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE keep_me (id int); INSERT INTO keep_me VALUES (1)");
        FerryProcess.Result r = FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "10");
        assertEquals(3, r.exitCode(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("ferry: ckan generate needs an empty database"), r.err());
        assertEquals(1, db.queryLong("SELECT count(*) FROM keep_me"));
        assertEquals(null, db.queryString("SELECT to_regclass('package')"));
    }

    @Test
    void rejectsAnUnknownHarvestShape(TestDatabase db) throws Exception {
        FerryProcess.Result r = FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "10",
                "--harvest-shape", "v9");
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("--harvest-shape must be one of dgu, pre-v2"), r.err());
    }
}
