package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at seeded random points, then the documented recovery (--resume, or migrate again): the
 * target must end identical to the source (relations, row counts, row hashes) and pass
 * {@code ferry verify} against it. The kill point is "after the Nth progress line, plus a random
 * delay", both drawn from {@code ferry.faults.seed} (default 1) and the trial number, so a failing
 * trial can be replayed. {@code ferry.faults.crash.trials} sets the trials per command (default 3).
 */
class CrashTest {
    private static final String SOURCE = """
            CREATE TABLE package (id text PRIMARY KEY, name text UNIQUE, notes text);
            CREATE TABLE resource (id serial PRIMARY KEY, package_id text REFERENCES package (id), url text);
            CREATE TABLE activity (id bigint, detail text);
            INSERT INTO package SELECT md5(g::text), 'dataset-' || g, repeat('lorem ipsum ', 5 + g % 20)
                FROM generate_series(1, 8000) g;
            INSERT INTO resource (package_id, url) SELECT md5((g % 8000 + 1)::text), 'http://x/' || g
                FROM generate_series(1, 8000) g;
            INSERT INTO activity SELECT g, repeat('a', g % 100) FROM generate_series(1, 8000) g;
            CREATE INDEX activity_id ON activity (id);
            CREATE MATERIALIZED VIEW package_count AS SELECT count(*) FROM package;
            ANALYZE;
            """;
    private static final Pattern CHUNK_LINE = Pattern.compile("^  .*rows");

    @TempDir
    Path dir;

    private static long seed() {
        return Long.getLong("ferry.faults.seed", 1L);
    }

    /** What one kill did: whether the process died by it (or finished first), after which line. */
    record Kill(boolean killed, int afterLines, long delayMs) {
    }

    /**
     * Runs ferry, kills it with SIGKILL once {@code lines} progress lines have appeared plus
     * {@code delayMs}; returns whether it was still running then.
     */
    private Kill runAndKill(String name, int lines, long delayMs, Pattern progress, String... args) throws Exception {
        Process p = FerryProcess.start(dir, name, args);
        Path out = dir.resolve(name + ".out");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (p.isAlive() && System.nanoTime() < deadline) {
            long seen = Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                    .filter(l -> progress.matcher(l).find()).count();
            if (seen >= lines) {
                break;
            }
            Thread.sleep(5);
        }
        Thread.sleep(delayMs);
        boolean killed = p.isAlive();
        p.destroyForcibly();
        p.waitFor();
        return new Kill(killed, lines, delayMs);
    }

    /** Killed only after it had verified everything and dropped its bookkeeping: nothing to resume. */
    private boolean finished(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".out")).contains("data and schema verified");
    }

    private void assertIdentical(TestDatabase source, TestDatabase target, String what) throws Exception {
        assertEquals(Faults.fingerprint(source), Faults.fingerprint(target), what + ": target differs from source");
        FerryProcess.Result verify = FerryProcess.run(dir, "verify", "--db", target.url(), "--model", source.url());
        assertEquals(0, verify.exitCode(), what + ": ferry verify\n" + verify.all());
    }

    @Test
    void transferKilledAtRandomThenResumed() throws Exception {
        TestDatabase source = PostgresExtension.newDatabase("crash_transfer_source");
        source.execute(SOURCE);
        int trials = Faults.trials("crash", 3);
        List<String> failures = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Random random = new Random(seed() * 1000 + trial);
            TestDatabase target = PostgresExtension.newDatabase("crash_transfer_" + trial);
            Kill kill = runAndKill("transfer" + trial, random.nextInt(12), random.nextInt(200), CHUNK_LINE,
                    "transfer", "--from", source.url(), "--to", target.url(), "--jobs", "2",
                    "--split-larger-than", "48kB");
            String what = "trial " + trial + " (seed " + seed() + ", " + kill + ")";
            try {
                if (kill.killed() && !finished("transfer" + trial)) {
                    FerryProcess.Result resumed = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to",
                            target.url(), "--resume", "--jobs", "2");
                    assertEquals(0, resumed.exitCode(), what + ": --resume\n" + resumed.all());
                }
                assertIdentical(source, target, what);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        tally("crash transfer", trials, failures);
    }

    @Test
    void archiveLoadKilledAtRandomThenResumed() throws Exception {
        TestDatabase source = PostgresExtension.newDatabase("crash_load_source");
        source.execute(SOURCE);
        Path archive = dir.resolve("source.ferry");
        FerryProcess.Result dumped = FerryProcess.run(dir, "dump", "--db", source.url(), "-o", archive.toString(),
                "--split-larger-than", "48kB");
        assertEquals(0, dumped.exitCode(), dumped.all());
        int trials = Faults.trials("crash", 3);
        List<String> failures = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Random random = new Random(seed() * 2000 + trial);
            TestDatabase target = PostgresExtension.newDatabase("crash_load_" + trial);
            Kill kill = runAndKill("load" + trial, random.nextInt(12), random.nextInt(200), CHUNK_LINE,
                    "load", "--db", target.url(), archive.toString(), "--jobs", "2");
            String what = "trial " + trial + " (seed " + seed() + ", " + kill + ")";
            try {
                if (kill.killed() && !finished("load" + trial)) {
                    FerryProcess.Result resumed = FerryProcess.run(dir, "load", "--db", target.url(),
                            archive.toString(), "--resume", "--jobs", "2");
                    assertEquals(0, resumed.exitCode(), what + ": --resume\n" + resumed.all());
                }
                assertIdentical(source, target, what);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        tally("crash load", trials, failures);
    }

    /** Eight migrations of module core; none is idempotent, so one applied twice or half applied shows. */
    private Path migrations() throws Exception {
        Path m = dir.resolve("migrations");
        Files.createDirectories(m.resolve("core"));
        for (int i = 1; i <= 8; i++) {
            Files.writeString(m.resolve(String.format("core/%03d_step.sql", i)),
                    (i == 1 ? "CREATE TABLE applied (version int PRIMARY KEY);\n" : "")
                            + "CREATE TABLE t" + i + " AS SELECT g AS id FROM generate_series(1, 8000) g;\n"
                            + "SELECT pg_sleep(0.05);\n"
                            + "INSERT INTO applied VALUES (" + i + ");\n");
        }
        return m;
    }

    @Test
    void migrateKilledAtRandomThenRerun() throws Exception {
        Path m = migrations();
        TestDatabase reference = PostgresExtension.newDatabase("crash_migrate_reference");
        assertEquals(0, FerryProcess.run(dir, "migrate", "--db", reference.url(), "--migrations", m.toString())
                .exitCode());
        int trials = Faults.trials("crash", 3);
        List<String> failures = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Random random = new Random(seed() * 3000 + trial);
            TestDatabase target = PostgresExtension.newDatabase("crash_migrate_" + trial);
            Kill kill = runAndKill("migrate" + trial, random.nextInt(8), random.nextInt(120),
                    Pattern.compile("^core \\d+ "), "migrate", "--db", target.url(), "--migrations", m.toString());
            String what = "trial " + trial + " (seed " + seed() + ", " + kill + ")";
            try {
                FerryProcess.Result rerun = FerryProcess.run(dir, "migrate", "--db", target.url(), "--migrations",
                        m.toString());
                assertEquals(0, rerun.exitCode(), what + ": rerun\n" + rerun.all());
                assertEquals("1,2,3,4,5,6,7,8", target.queryString("SELECT string_agg(version::text, ',' ORDER BY "
                        + "version) FROM applied"), what);
                assertEquals(8, target.queryLong("SELECT count(*) FROM ferry_schema_history WHERE success"), what);
                assertEquals(0, target.queryLong("SELECT count(*) FROM ferry_schema_history WHERE NOT success"), what);
                assertEquals(withoutHistory(Faults.fingerprint(reference)), withoutHistory(Faults.fingerprint(target)),
                        what);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        tally("crash migrate", trials, failures);
    }

    /**
     * A plan (copy, migrate, a non-idempotent sql step, report) killed after a random number of its
     * progress lines plus a random delay, then run again with {@code --resume}: the target must end
     * as an uninterrupted run leaves it, with every step finished once.
     */
    @Test
    void planRunKilledAtRandomThenResumed() throws Exception {
        TestDatabase source = PostgresExtension.newDatabase("crash_run_source");
        source.execute(SOURCE);
        migrations();
        Path plan = dir.resolve("crash.yaml");
        Files.writeString(plan, """
                plan: crash
                connections:
                  source: ${FERRY_SOURCE}
                  target: ${FERRY_TARGET}
                steps:
                  - {name: copy, kind: transfer, from: source, to: target, jobs: 2}
                  - {name: migrate, kind: migrate, migrations: migrations}
                  - name: tally
                    kind: sql
                    script: |
                      CREATE TABLE tallied AS SELECT count(*) AS packages FROM package;
                      UPDATE package SET notes = notes || ' (moved)';
                  - {name: report, kind: report}
                """);
        TestDatabase reference = PostgresExtension.newDatabase("crash_run_reference");
        FerryProcess.Result whole = FerryProcess.run(dir, planArgs(plan, source, reference, "reference"));
        assertEquals(0, whole.exitCode(), whole.all());
        int lines = (int) whole.out().lines().count();
        int trials = Faults.trials("crash", 3);
        List<String> failures = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Random random = new Random(seed() * 4000 + trial);
            TestDatabase target = PostgresExtension.newDatabase("crash_run_" + trial);
            String[] args = planArgs(plan, source, target, "run" + trial);
            Kill kill = runAndKill("run" + trial, random.nextInt(lines), random.nextInt(200), Pattern.compile("."),
                    args);
            String what = "trial " + trial + " (seed " + seed() + ", " + kill + ")";
            try {
                if (kill.killed()) {
                    List<String> resume = new ArrayList<>(List.of(args));
                    resume.add("--resume");
                    FerryProcess.Result resumed = FerryProcess.run(dir, resume.toArray(String[]::new));
                    assertEquals(0, resumed.exitCode(), what + ": --resume\n" + resumed.all());
                }
                assertEquals(4, target.queryLong("SELECT count(*) FROM ferry.plan_step WHERE status = 'finished'"),
                        what + ": every step finished");
                assertEquals(withoutRunRecords(Faults.fingerprint(reference)),
                        withoutRunRecords(Faults.fingerprint(target)), what);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        tally("crash run", trials, failures);
    }

    private String[] planArgs(Path plan, TestDatabase source, TestDatabase target, String reportDir) {
        return new String[] {"run", plan.toString(), "--set", "source=" + source.url(), "--set",
                "target=" + target.url(), "--report-dir", dir.resolve(reportDir).toString()};
    }

    /** The plan's checkpoints and the migration history record times, which differ between any two runs. */
    private static String withoutRunRecords(String fingerprint) {
        return withoutHistory(fingerprint).replaceAll("(ferry\\.plan_step:r)=\\S+", "$1");
    }

    /** The history's rows carry times and durations, which differ between any two runs. */
    private static String withoutHistory(String fingerprint) {
        return fingerprint.replaceAll("(public\\.ferry_schema_history:r)=\\S+", "$1");
    }

    private static void tally(String suite, int trials, List<String> failures) throws Exception {
        Faults.tally(suite + " " + (trials - failures.size()) + "/" + trials + " identical", failures);
    }
}
