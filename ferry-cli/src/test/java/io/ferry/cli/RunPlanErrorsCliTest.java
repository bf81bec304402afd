package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.pgdump.PgDumpFixture;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Plan errors are refused with one line and the README's exit code, before any step runs. */
@ExtendWith(PostgresExtension.class)
class RunPlanErrorsCliTest {
    @TempDir
    Path dir;

    private FerryProcess.Result run(TestDatabase db, String plan, String... extra) throws Exception {
        Path file = dir.resolve("plan.yaml");
        Files.writeString(file, plan.replace("TARGET", db.url()));
        String[] args = new String[extra.length + 2];
        args[0] = "run";
        args[1] = file.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return FerryProcess.run(dir, args);
    }

    private static void assertRefused(TestDatabase db, FerryProcess.Result r, int code, String message) {
        assertEquals(code, r.exitCode(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(null, db.queryString("SELECT to_regclass('ferry.plan_step')"), "nothing ran");
        assertEquals(null, db.queryString("SELECT to_regclass('public.t')"), "nothing ran");
    }

    private static final String STEPS = """
              - name: make
                kind: sql
                script: CREATE TABLE t (id int)
            """;

    @Test
    void anUnknownStepKindIsRefusedBeforeTheFirstStepRuns(TestDatabase db) throws Exception {
        FerryProcess.Result r = run(db, "plan: p\nconnections:\n  target: TARGET\nsteps:\n" + STEPS
                + "  - name: index\n    kind: reindx\n");
        assertRefused(db, r, 3, "step 'index' has unknown kind 'reindx' (known: transfer, load, check, "
                + "datastore-check, migrate, sql, verify, reindex, report)");
    }

    @Test
    void aStepNamingAnUndefinedConnectionIsRefused(TestDatabase db) throws Exception {
        FerryProcess.Result r = run(db, "plan: p\nconnections:\n  target: TARGET\nsteps:\n" + STEPS
                + "  - name: copy\n    kind: transfer\n    from: legacy\n");
        assertRefused(db, r, 3, "from names connection 'legacy', which the plan does not define");
    }

    @Test
    void aConnectionWithoutAValueIsAUsageError(TestDatabase db) throws Exception {
        FerryProcess.Result r = run(db, "plan: p\nconnections:\n  target: TARGET\n  source: ${FERRY_TEST_UNSET}\n"
                + "steps:\n" + STEPS);
        assertRefused(db, r, 2, "connection 'source' needs the environment variable FERRY_TEST_UNSET");
    }

    /**
     * A connection written as ${VAR:-} may stay empty: the steps naming it are skipped (recorded as
     * such), the others run; given, the same plan runs them. One without a default stays required.
     */
    @Test
    void stepsNamingAnOptionalConnectionNotGivenAreSkipped(TestDatabase db) throws Exception {
        String plan = "plan: p\nconnections:\n  target: TARGET\n  extra: ${FERRY_TEST_UNSET:-}\nsteps:\n" + STEPS
                + "  - name: other\n    kind: sql\n    db: extra\n    script: CREATE TABLE u (id int)\n";
        FerryProcess.Result dry = run(db, plan, "--dry-run");
        assertEquals(0, dry.exitCode(), dry.all());
        assertTrue(dry.out().contains("extra = (not given)"), dry.out());
        assertTrue(dry.out().contains("2. other (sql): skipped: connection extra not given"), dry.out());

        FerryProcess.Result r = run(db, plan);
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("skipped: connection extra not given"), r.out());
        assertEquals(0, db.queryLong("SELECT count(*) FROM t"), "the step on the target ran");
        assertEquals(null, db.queryString("SELECT to_regclass('public.u')"));
        assertEquals("skipped: connection extra not given",
                db.queryString("SELECT summary FROM ferry.plan_step WHERE step = 'other'"));

        db.execute("DROP TABLE t; DROP SCHEMA ferry CASCADE");
        FerryProcess.Result given = run(db, plan, "--set", "extra=" + db.url());
        assertEquals(0, given.exitCode(), given.all());
        assertEquals(0, db.queryLong("SELECT count(*) FROM u"), "given, the step runs");
    }

    @Test
    void aStepOptionTakesVariablesAndAnUnsetOneIsAUsageError(TestDatabase db) throws Exception {
        String plan = "plan: p\nconnections:\n  target: TARGET\nsteps:\n"
                + "  - name: make\n    kind: sql\n    script: ${FERRY_TEST_UNSET:-CREATE TABLE t (id int)}\n";
        FerryProcess.Result r = run(db, plan);
        assertEquals(0, r.exitCode(), r.all());
        assertEquals(0, db.queryLong("SELECT count(*) FROM t"), "the default was used");
        db.execute("DROP TABLE t; DROP SCHEMA ferry CASCADE");
        FerryProcess.Result unset = run(db, plan.replace(":-CREATE TABLE t (id int)", ""));
        assertRefused(db, unset, 2, "step 'make', option script needs the environment variable FERRY_TEST_UNSET");
    }

    @Test
    void theTargetCannotBeLeftOut(TestDatabase db) throws Exception {
        FerryProcess.Result r = run(db, "plan: p\nconnections:\n  target: ${FERRY_TEST_UNSET:-}\nsteps:\n" + STEPS);
        assertRefused(db, r, 2, "the target connection 'target' of plan");
    }

    @Test
    void aPasswordWrittenInThePlanIsRefusedAndNeverShown(TestDatabase db) throws Exception {
        FerryProcess.Result r = run(db, "plan: p\nconnections:\n  target: TARGET\n"
                + "  source: postgres://ckan:Sup3rSecret99@db.example/ckan\nsteps:\n" + STEPS);
        assertRefused(db, r, 3, "connection 'source' has a password written in the plan");
        assertFalse(r.all().contains("Sup3rSecret99"), r.all());
    }

    @Test
    void malformedYamlIsRefused(TestDatabase db) throws Exception {
        FerryProcess.Result r = run(db, "plan: p\nconnections: [unclosed\nsteps:\n" + STEPS);
        assertRefused(db, r, 3, "is not valid YAML at line");
    }

    @Test
    void aMisspeltStepOptionIsRefused(TestDatabase db) throws Exception {
        FerryProcess.Result r = run(db, "plan: p\nconnections:\n  target: TARGET\n  source: TARGET\nsteps:\n"
                + STEPS + "  - name: copy\n    kind: transfer\n    exclude_tabel_data: [tag]\n");
        assertRefused(db, r, 3, "plan step 'copy' has an unknown key 'exclude_tabel_data'");
    }

    @Test
    void anUnknownFromStepIsAUsageError(TestDatabase db) throws Exception {
        FerryProcess.Result r = run(db, "plan: p\nconnections:\n  target: TARGET\nsteps:\n" + STEPS,
                "--from-step", "nope");
        assertRefused(db, r, 2, "--from-step nope: plan p has no such step (it has make)");
    }

    @Test
    void aSqlStepsFalseAssertionFailsTheStepAndResumeRunsItAgain(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE flag (ok boolean); INSERT INTO flag VALUES (false)");
        String plan = "plan: p\nconnections:\n  target: TARGET\nsteps:\n" + STEPS + """
                  - name: check
                    kind: sql
                    script: |
                      -- ferry:capture before: SELECT count(*) FROM t
                      INSERT INTO t VALUES (1);
                      -- ferry:assert SELECT ok FROM flag
                  - name: report
                    kind: report
                """;
        Path report = dir.resolve("report");
        FerryProcess.Result failed = run(db, plan, "--report-dir", report.toString());
        assertEquals(4, failed.exitCode(), failed.all());
        assertTrue(failed.err().contains("assertion failed"), failed.err());
        assertEquals(0, db.queryLong("SELECT count(*) FROM t"), "rolled back");
        assertEquals("failed", db.queryString("SELECT status FROM ferry.plan_step WHERE step = 'check'"));
        // The failed run is reported too: which step failed, and why.
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("| check | sql | failed |") && md.contains("assertion failed"), md);

        db.execute("UPDATE flag SET ok = true");
        FerryProcess.Result resumed = run(db, plan, "--resume", "--report-dir", report.toString());
        assertEquals(0, resumed.exitCode(), resumed.all());
        assertTrue(resumed.out().contains("Resuming plan p at step check"), resumed.out());
        assertEquals(1, db.queryLong("SELECT count(*) FROM t"));
        assertTrue(db.queryString("SELECT result::text FROM ferry.plan_step WHERE step = 'check'")
                .contains("\"captures\": {\"before\": \"0\"}"));
        String after = Files.readString(report.resolve("report.md"));
        assertTrue(after.contains("| check | sql | finished |") && after.contains("captured before=0"), after);
    }

    /**
     * Killed after the transfer finished (its bookkeeping dropped) but before the step was recorded
     * as finished: --resume accepts the copy when the row counts match, and refuses a target whose
     * counts differ (the transfer's own "not empty" line).
     */
    @Test
    void aCopyThatFinishedJustBeforeACrashIsAcceptedOnResume(TestDatabase db) throws Exception {
        TestDatabase source = io.ferry.test.PostgresExtension.newDatabase("plan_copy_source");
        source.execute("CREATE TABLE item (id int PRIMARY KEY, tag text); CREATE TABLE tag (name text);"
                + "INSERT INTO item SELECT g, 't' || g FROM generate_series(1, 500) g;"
                + "INSERT INTO tag SELECT 't' || g FROM generate_series(1, 50) g");
        String plan = "plan: p\nconnections:\n  source: " + source.url() + "\n  target: TARGET\nsteps:\n"
                + "  - {name: copy, kind: transfer, exclude_table_data: [tag]}\n"
                + "  - {name: count, kind: sql, script: 'CREATE TABLE n AS SELECT count(*) FROM item'}\n";
        FerryProcess.Result first = run(db, plan);
        assertEquals(0, first.exitCode(), first.all());
        // As a kill between the end of the transfer and the checkpoint leaves it.
        db.execute("DROP TABLE n; UPDATE ferry.plan_step SET status = 'started', finished_at = NULL WHERE step = 'copy';"
                + "DELETE FROM ferry.plan_step WHERE step = 'count'");
        FerryProcess.Result resumed = run(db, plan, "--resume");
        assertEquals(0, resumed.exitCode(), resumed.all());
        assertTrue(resumed.out().contains("the copy had finished before the interruption: 500 rows in 2 tables"),
                resumed.out());
        assertEquals(500, db.queryLong("SELECT count FROM n"));

        db.execute("DROP TABLE n; DELETE FROM item WHERE id > 400; UPDATE ferry.plan_step SET status = 'started', "
                + "finished_at = NULL WHERE step = 'copy'; DELETE FROM ferry.plan_step WHERE step = 'count'");
        FerryProcess.Result differs = run(db, plan, "--resume");
        assertEquals(3, differs.exitCode(), differs.all());
        assertTrue(differs.err().contains("is not empty"), differs.err());
    }

    /** The load and verify kinds: a plain dump loaded with one table's rows left out, checked against itself. */
    @Test
    void loadsADumpAndVerifiesItAgainstTheSameDump(TestDatabase db) throws Exception {
        Path dump = Path.of(getClass().getResource("/dumps/a.sql").toURI());
        Path report = dir.resolve("report");
        FerryProcess.Result r = run(db, "plan: p\nconnections:\n  target: TARGET\nsteps:\n"
                + "  - {name: load, kind: load, file: " + dump + ", exclude_table_data: [item]}\n"
                + "  - {name: check, kind: verify, model: " + dump + ", known_differences: [nothing_*]}\n"
                + "  - {name: report, kind: report}\n", "--report-dir", report.toString());
        assertEquals(0, r.exitCode(), r.all());
        assertEquals("post", db.queryString("SELECT to_regclass('post')::text"));
        assertTrue(db.queryString("SELECT result->>'structure_only' FROM ferry.plan_step WHERE step = 'load'")
                .contains("item"), "item's rows are left out");
        assertTrue(r.out().contains("the schema matches " + dump), r.out());
        assertTrue(r.out().contains("warning: known difference 'nothing_*' no longer differs"), r.out());
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("| public.post | ") && md.contains("against " + dump + ": matches"), md);
    }

    /** The load kind on a pg_dump custom archive, as a site's ckan.dump: loaded in parallel, keys built, verified. */
    @Test
    void loadsAPgDumpArchive(TestDatabase source, TestDatabase db) throws Exception {
        source.execute("""
                CREATE TABLE item (id int PRIMARY KEY, name text);
                CREATE TABLE note (item_id int REFERENCES item (id), body text);
                INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 300) g;
                INSERT INTO note SELECT 1 + g % 300, 'note ' || g FROM generate_series(1, 120) g;
                """);
        Path archive = dir.resolve("ckan.dump");
        PgDumpFixture.dump(source, archive, "-Fc");
        FerryProcess.Result r = run(db, "plan: p\nconnections:\n  target: TARGET\nsteps:\n"
                + "  - {name: load, kind: load, file: " + archive + ", jobs: 2}\n");
        assertEquals(0, r.exitCode(), r.all());
        assertEquals(300, db.queryLong("SELECT count(*) FROM item"));
        assertEquals(120, db.queryLong("SELECT count(*) FROM note"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"));
        assertTrue(r.out().contains("420 rows"), r.out());
    }

    /** keep_owners and keep_grants: the archive's owners and grants on the target; refused for a plain dump. */
    @Test
    void loadsAPgDumpArchiveKeepingItsOwnersAndGrants(TestDatabase source, TestDatabase db, TestDatabase plain)
            throws Exception {
        source.execute("""
                DO $$ BEGIN CREATE ROLE plan_load_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                DO $$ BEGIN CREATE ROLE plan_load_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                CREATE TABLE item (id int PRIMARY KEY, name text);
                ALTER TABLE item OWNER TO plan_load_owner;
                GRANT SELECT ON item TO plan_load_reader;
                INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 30) g;
                """);
        Path archive = dir.resolve("kept.dump");
        PgDumpFixture.dump(source, archive, "-Fc");
        FerryProcess.Result r = run(db, "plan: p\nconnections:\n  target: TARGET\nsteps:\n"
                + "  - {name: load, kind: load, file: " + archive + ", keep_owners: true, keep_grants: true}\n");
        assertEquals(0, r.exitCode(), r.all());
        assertEquals("plan_load_owner", db.queryString("SELECT relowner::regrole::text FROM pg_class WHERE relname = 'item'"));
        assertTrue(db.queryString("SELECT relacl::text FROM pg_class WHERE relname = 'item'").contains("plan_load_reader=r/"));

        Path dump = Path.of(getClass().getResource("/dumps/a.sql").toURI());
        FerryProcess.Result refused = run(plain, "plan: p\nconnections:\n  target: TARGET\nsteps:\n"
                + "  - {name: load, kind: load, file: " + dump + ", keep_grants: true}\n");
        assertEquals(2, refused.exitCode(), refused.all());
        assertTrue(refused.err().contains("keep_owners and keep_grants apply to pg_dump archives; " + dump
                + " is a plain SQL dump"), refused.err());
        assertEquals(null, plain.queryString("SELECT to_regclass('post')::text"));
    }
}
