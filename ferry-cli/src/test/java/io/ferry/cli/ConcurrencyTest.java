package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Several Ferry processes on one database, and processes that die mid-migration. */
@ExtendWith(PostgresExtension.class)
class ConcurrencyTest {
    @TempDir
    Path dir;

    private Path write(String relative, String sql) throws Exception {
        Path file = dir.resolve("migrations").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
        return dir.resolve("migrations");
    }

    @Test
    void fourProcessesAtOnceApplyEachMigrationExactlyOnce(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE applied (module text, version int)");
        Path m = null;
        for (int i = 1; i <= 15; i++) {
            // Not idempotent on purpose: a second run of any migration adds a second row.
            m = write(String.format("core/%03d_step.sql", i), "INSERT INTO applied VALUES ('core', " + i + ");\n"
                    + "SELECT pg_sleep(0.02);");
            write(String.format("plugin/%03d_step.sql", i), "INSERT INTO applied VALUES ('plugin', " + i + ");");
        }
        write("plugin/module.properties", "requires=core>=15");
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            processes.add(FerryProcess.start(dir, "p" + p, "migrate", "--db", db.url(), "--migrations", m.toString()));
        }
        int appliedLines = 0;
        for (int p = 0; p < 4; p++) {
            FerryProcess.Result r = FerryProcess.finish(processes.get(p), dir, "p" + p, Duration.ofMinutes(2));
            assertEquals(0, r.exitCode(), r.all());
            appliedLines += (int) r.out().lines().filter(l -> l.matches("(core|plugin) \\d+ .*")).count();
        }
        assertEquals(30, appliedLines, "each migration reported once across all processes");
        assertEquals(30, db.queryLong("SELECT count(*) FROM applied"));
        assertEquals(30, db.queryLong("SELECT count(DISTINCT (module, version)) FROM applied"));
        assertEquals(30, db.queryLong("SELECT count(*) FROM ferry_schema_history WHERE success"));
    }

    /**
     * The runner holding the lock builds an index CONCURRENTLY while a second runner waits for the lock.
     * With a blocking or transaction-scoped lock this deadlocks (flyway#1654); polling must not.
     */
    @Test
    void createIndexConcurrentlyWhileAnotherRunnerWaits(TestDatabase db) throws Exception {
        write("core/001_table.sql", "CREATE TABLE big AS SELECT g AS id, md5(g::text) AS v "
                + "FROM generate_series(1, 200000) g;");
        Path m = write("core/002_index.sql", "-- ferry:no-transaction\nSELECT pg_sleep(1.5);\n"
                + "CREATE INDEX CONCURRENTLY big_v_idx ON big (v);\n");
        Process first = FerryProcess.start(dir, "first", "migrate", "--db", db.url(), "--migrations", m.toString());
        waitUntil(db, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(1.5)%' "
                + "AND datname = current_database()", Duration.ofSeconds(60));
        Process second = FerryProcess.start(dir, "second", "migrate", "--db", db.url(), "--migrations", m.toString());
        FerryProcess.Result a = FerryProcess.finish(first, dir, "first", Duration.ofSeconds(60));
        FerryProcess.Result b = FerryProcess.finish(second, dir, "second", Duration.ofSeconds(60));
        assertEquals(0, a.exitCode(), a.all());
        assertEquals(0, b.exitCode(), b.all());
        assertTrue(b.out().contains("Nothing to apply"), b.out());
        assertEquals("t", db.queryString("SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_v_idx'::regclass"));
    }

    @Test
    void killDashNineMidMigrationLeavesNothingHalfDoneAndARerunCompletes(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE slow_marker (x int)");
        write("core/001_first.sql", "CREATE TABLE first (id int);");
        // Sleeps only while slow_marker exists, so the rerun below is quick.
        Path m = write("core/002_second.sql", "CREATE TABLE second (id int);\nINSERT INTO first VALUES (1);\n"
                + "SELECT pg_sleep(CASE WHEN to_regclass('slow_marker') IS NULL THEN 0 ELSE 60 END);\n"
                + "CREATE TABLE third (id int);\n");
        killWhileSleeping(db, m);
        // The server notices the dead client within seconds (client_connection_check_interval), long
        // before the 60 s sleep would end, and rolls the migration back.
        waitUntil(db, "SELECT 1 - count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(CASE%' "
                + "AND datname = current_database() AND state <> 'idle'", Duration.ofSeconds(30));
        assertEquals(1, db.queryLong("SELECT count(*) FROM ferry_schema_history WHERE success"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM ferry_schema_history WHERE NOT success"));
        assertEquals(null, db.queryString("SELECT to_regclass('second')"), "the migration's transaction rolled back");
        assertEquals(0, db.queryLong("SELECT count(*) FROM first"));

        db.execute("DROP TABLE slow_marker");
        FerryProcess.Result rerun = FerryProcess.runJvm(dir, "migrate", "--db", db.url(), "--migrations", m.toString());
        assertEquals(0, rerun.exitCode(), rerun.all());
        assertEquals(2, db.queryLong("SELECT count(*) FROM ferry_schema_history WHERE success"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM first"));
        assertEquals("third", db.queryString("SELECT to_regclass('third')::text"));
    }

    /** A non-transactional migration cannot be rolled back: a kill leaves its module blocked, visibly. */
    @Test
    void killDashNineInANonTransactionalMigrationBlocksTheModuleUntilRepaired(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE slow_marker (x int); CREATE TABLE t (id int)");
        Path m = write("core/001_index.sql", "-- ferry:no-transaction\n"
                + "SELECT pg_sleep(CASE WHEN to_regclass('slow_marker') IS NULL THEN 0 ELSE 60 END);\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_id_idx ON t (id);\n");
        killWhileSleeping(db, m);
        assertTrue(db.queryString("SELECT error FROM ferry_schema_history WHERE NOT success").contains(
                "started but never finished"));
        FerryProcess.Result blocked = FerryProcess.runJvm(dir, "migrate", "--db", db.url(), "--migrations",
                m.toString());
        assertEquals(3, blocked.exitCode(), blocked.all());
        assertTrue(blocked.err().contains("ferry repair"), blocked.err());

        db.execute("DROP TABLE slow_marker");
        assertEquals(0, FerryProcess.runJvm(dir, "repair", "--db", db.url(), "--migrations", m.toString()).exitCode());
        FerryProcess.Result rerun = FerryProcess.runJvm(dir, "migrate", "--db", db.url(), "--migrations", m.toString());
        assertEquals(0, rerun.exitCode(), rerun.all());
        assertEquals("t", db.queryString("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_id_idx'::regclass"));
    }

    /** Starts a migrate and kills it with SIGKILL (no shutdown hooks, no cleanup) inside its slow statement. */
    private void killWhileSleeping(TestDatabase db, Path migrations) throws Exception {
        Process p = FerryProcess.start(dir, "killed", "migrate", "--db", db.url(), "--migrations", migrations.toString());
        waitUntil(db, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(CASE%' "
                + "AND datname = current_database()", Duration.ofSeconds(60));
        p.destroyForcibly();
        p.waitFor();
    }

    /** Polls a count query until it is positive. */
    private static void waitUntil(TestDatabase db, String countQuery, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (db.queryLong(countQuery) > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for: " + countQuery);
    }
}
