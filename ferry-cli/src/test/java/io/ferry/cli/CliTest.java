package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and one-line errors, as documented in README.md. */
@ExtendWith(PostgresExtension.class)
class CliTest {
    @TempDir
    Path dir;

    private Path migrations(String module, String file, String sql) throws Exception {
        Path folder = dir.resolve("migrations").resolve(module);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(file), sql);
        return dir.resolve("migrations");
    }

    private static void assertOneLine(FerryProcess.Result r) {
        assertEquals(1, r.err().strip().lines().count(), "one line on stderr: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    private String[] inProcess(String... args) {
        FerryProcess.Result r = FerryProcess.run(dir, args);
        return new String[] {String.valueOf(r.exitCode()), r.out(), r.err()};
    }

    @Test
    void helpListsEveryCommandWhileANamedCommandIsBuiltAlone() {
        String[] help = inProcess("--help");
        assertEquals("0", help[0], help[2]);
        for (String name : new String[] {"migrate", "status", "diff", "verify", "transfer", "dump", "load", "ckan",
                "demo", "server", "help"}) {
            assertTrue(help[1].contains("  " + name), name + " in: " + help[1]);
        }
        assertEquals(java.util.List.of(DiffCommand.class), Ferry.commandsFor(new String[] {"--verbose", "diff", "a"}));
        String[] verboseHelp = inProcess("--verbose", "status", "--help");
        assertEquals("0", verboseHelp[0], verboseHelp[2]);
        assertTrue(verboseHelp[1].contains("Usage: ferry status"), verboseHelp[1]);
        String[] misspelt = inProcess("stauts");
        assertEquals("2", misspelt[0]);
        assertTrue(misspelt[2].contains("status"), "suggests the command: " + misspelt[2]);
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        FerryProcess.Result unknown = FerryProcess.run(dir, "migrate", "--no-such-option");
        assertEquals(2, unknown.exitCode(), unknown.all());
        FerryProcess.Result noFolder = FerryProcess.run(dir, "status", "--db", "postgres://x@localhost:1/db",
                "--migrations", dir.resolve("absent").toString());
        assertEquals(2, noFolder.exitCode(), noFolder.all());
        assertOneLine(noFolder);
        assertTrue(noFolder.err().startsWith("ferry: migrations folder"), noFolder.err());
    }

    @Test
    void migrateStatusValidateAndExitCodes(TestDatabase db) throws Exception {
        Path m = migrations("core", "001_create.sql", "CREATE TABLE t (id int);");
        FerryProcess.Result ok = FerryProcess.run(dir, "migrate", "--db", db.url(), "--migrations", m.toString());
        assertEquals(0, ok.exitCode(), ok.all());
        assertTrue(ok.out().contains("core 1  create"), ok.out());

        migrations("core", "002_fails.sql", "-- ferry:capture n: SELECT count(*) FROM t\nINSERT INTO t VALUES (1);\n"
                + "-- ferry:assert SELECT :n = (SELECT count(*) FROM t)\n");
        FerryProcess.Result failed = FerryProcess.run(dir, "migrate", "--db", db.url(), "--migrations", m.toString());
        assertEquals(4, failed.exitCode(), failed.all());
        assertOneLine(failed);
        assertTrue(failed.err().contains("assertion failed") && failed.err().contains("n=0"), failed.err());

        FerryProcess.Result validate = FerryProcess.run(dir, "validate", "--db", db.url(), "--migrations", m.toString());
        assertEquals(3, validate.exitCode(), validate.all());
        assertTrue(validate.out().contains("core/002_fails.sql"), validate.out());

        FerryProcess.Result json = FerryProcess.run(dir, "status", "--json", "--db", db.url(), "--migrations",
                m.toString());
        assertEquals(0, json.exitCode(), json.all());
        JsonNode status = new ObjectMapper().readTree(json.out());
        assertTrue(status.findValues("state").stream().anyMatch(v -> v.asText().equals("failed")), json.out());
        assertTrue(status.findValues("n").stream().anyMatch(v -> v.asText().equals("0")), json.out());
    }

    @Test
    void lockHeldByAnotherSessionExitsFive(TestDatabase db) throws Exception {
        Path m = migrations("core", "001_create.sql", "CREATE TABLE t (id int);");
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + 0x4645525259L + ")");
            FerryProcess.Result r = FerryProcess.run(dir, "migrate", "--db", db.url(), "--migrations", m.toString(),
                    "--lock-wait", "0.5");
            assertEquals(5, r.exitCode(), r.all());
            assertOneLine(r);
        }
    }

    @Test
    void unreachableServerIsOneLineExitOne() throws Exception {
        Path m = migrations("core", "001_create.sql", "CREATE TABLE t (id int);");
        FerryProcess.Result r = FerryProcess.run(dir, "migrate", "--db", "postgres://u@127.0.0.1:1/db",
                "--migrations", m.toString());
        assertEquals(1, r.exitCode(), r.all());
        assertOneLine(r);
        assertTrue(r.err().startsWith("ferry: cannot connect to postgres://u@127.0.0.1:1/db"), r.err());
    }

    /** --verbose (after the command, as users type it) belongs to its own run: the next one is one line again. */
    @Test
    void verboseShowsTheTraceForItsOwnRunOnly() throws Exception {
        Path m = migrations("core", "001_create.sql", "CREATE TABLE t (id int);");
        String[] plain = {"migrate", "--db", "postgres://u@127.0.0.1:1/db", "--migrations", m.toString()};
        String[] verbose = java.util.Arrays.copyOf(plain, plain.length + 1);
        verbose[plain.length] = "--verbose";
        FerryProcess.Result traced = FerryProcess.run(dir, verbose);
        assertEquals(1, traced.exitCode(), traced.all());
        assertTrue(traced.err().contains("\tat "), "a stack trace: " + traced.err());
        FerryProcess.Result next = FerryProcess.run(dir, plain);
        assertEquals(1, next.exitCode(), next.all());
        assertOneLine(next);
    }

    @Test
    void dryRunPrintsOnlySqlOnStdout(TestDatabase db) throws Exception {
        Path m = migrations("core", "001_create.sql", "CREATE TABLE t (id int);");
        FerryProcess.Result r = FerryProcess.run(dir, "migrate", "--dry-run", "--db", db.url(), "--migrations",
                m.toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().startsWith("-- module core, version 1: create (core/001_create.sql)\nCREATE TABLE t"),
                r.out());
        assertTrue(r.err().contains("1 migration would run"), r.err());
        assertEquals(null, db.queryString("SELECT to_regclass('t')"));
    }

    @Test
    void demoRunsOnEmbeddedDefaults() throws Exception {
        FerryProcess.Result r = FerryProcess.run(dir, "demo", "--datasets", "100", "--data-dir",
                dir.resolve("pg").toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("Generating a legacy data.gov.uk catalog of 100 datasets"), r.out());
        // CKAN 2.11: every module applied, CKAN's rules and its schema checked, then the index.
        assertTrue(r.out().contains("activity at 3, core at 105, dgu at 16, harvest at 8, tracking at 1"), r.out());
        assertTrue(r.out().contains("[3/8] check (check)") && r.out().contains("no rows break CKAN 2.11's rules"), r.out());
        assertTrue(r.out().contains("[4/8] verify-schema (verify)") && r.out().contains("the schema matches builtin:ckan-2.11"),
                r.out());
        // A small DataStore beside the catalog, moved and checked against it.
        assertTrue(r.out().contains("and its DataStore: 10 tables"), r.out());
        assertTrue(r.out().contains("[6/8] check-datastore (datastore-check)")
                && r.out().contains("the DataStore agrees with the catalog and its roles: 10 tables"), r.out());
        assertTrue(r.out().contains("[7/8] reindex (reindex)") && r.out().contains("the index matches the database"),
                r.out());
        assertTrue(r.out().contains("Demo finished in "), r.out());
        Path report = dir.resolve("ferry-home").resolve("demo").resolve("report").resolve("report.html");
        assertTrue(r.out().contains("Report: " + report.toAbsolutePath()), r.out());
        assertTrue(Files.readString(report).contains("verify-schema"));
    }
}
