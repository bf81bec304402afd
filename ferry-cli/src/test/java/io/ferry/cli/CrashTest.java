package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at seeded random points, then the documented recovery (--resume, or migrate again): the
 * target must end identical to the source (relations, row counts, row hashes) and pass
 * {@code ferry verify} against it. Kill points are defined by what Ferry commits on the target (copied
 * chunks, applied migrations, started plan steps) plus a random delay, all drawn from
 * {@code ferry.faults.seed} (default 1) and the trial number, so a failing trial can be replayed.
 * After each kill the target's records tell where it landed (mid-copy, during post-data, ...); each
 * suite's line counts them, and a suite fails when fewer than 90% of its kills left work to recover.
 * {@code ferry.faults.crash.trials} sets the trials per command (default 3).
 */
@Tag("slow")
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
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String CHUNKS_DONE = "SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL";

    @TempDir
    Path dir;

    private static long seed() {
        return Long.getLong("ferry.faults.seed", 1L);
    }

    /**
     * A trial's generator. Its seed is mixed first: java.util.Random's first draws barely differ
     * between neighbouring seeds, so trial after trial would pick the same kill point.
     */
    private static Random random(long suite, int trial) {
        return new Random(new SplittableRandom(seed() * suite + trial).nextLong());
    }

    /**
     * One trial's kill: the seeded point it aimed at, where it landed as the target's own records
     * tell it once the process was dead, and whether work was left for the recovery to do.
     */
    record Kill(String point, String phase, boolean workRemained) {
        @Override
        public String toString() {
            return "kill " + point + ", " + phase;
        }
    }

    /**
     * Runs a transfer or an archive load and kills it with SIGKILL at a seeded point: one time in five
     * once every chunk is recorded (keys, indexes and verification still to do), otherwise once a
     * random share of the planned chunks is recorded, each plus a random delay.
     */
    private Kill killCopy(String name, Random random, TestDatabase target, String... args) throws Exception {
        boolean postData = random.nextInt(5) == 0;
        double share = random.nextDouble();
        int delayMs = random.nextInt(postData ? 150 : 25);
        Process p = FerryProcess.start(dir, name, args);
        try (TargetProbe probe = new TargetProbe(target)) {
            String point = awaitChunks(probe, p, postData ? 1 : share) + " + " + delayMs + " ms";
            Thread.sleep(delayMs);
            boolean alive = kill(p);
            probe.awaitOtherSessionsGone();
            if (!alive) {
                return new Kill(point, "not killed (it had finished)", false);
            }
            long planned = probe.count("SELECT count(*) FROM ferry.transfer_chunk");
            if (planned < 0) {
                boolean tables = probe.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") > 0;
                return tables ? new Kill(point, "killed after the work was done", false)
                        : new Kill(point, "killed before the copy", true);
            }
            return probe.count(CHUNKS_DONE) < planned ? new Kill(point, "killed mid-copy", true)
                    : new Kill(point, "killed during post-data", true);
        }
    }

    /** Waits until a share of the copy plan's chunks is recorded; says how many that was. */
    private static String awaitChunks(TargetProbe probe, Process p, double share) throws Exception {
        // The copy plan commits whole, with the tables: once it shows, its size is final.
        if (!probe.await(p, "SELECT count(*) FROM ferry.transfer_chunk", n -> n > 0, TIMEOUT)) {
            return "before the plan was recorded";
        }
        long chunks = probe.count("SELECT count(*) FROM ferry.transfer_chunk");
        long wanted = (long) Math.floor(share * chunks);
        probe.await(p, CHUNKS_DONE, n -> n >= wanted, TIMEOUT);
        return "after " + wanted + " of " + chunks + " chunks";
    }

    /** SIGKILL; returns whether the process was still running then. */
    private static boolean kill(Process p) throws InterruptedException {
        boolean alive = p.isAlive();
        p.destroyForcibly();
        p.waitFor();
        return alive;
    }

    private void assertIdentical(TestDatabase source, TestDatabase target, String what) throws Exception {
        assertEquals(Faults.fingerprint(source), Faults.fingerprint(target), what + ": target differs from source");
        FerryProcess.Result verify = FerryProcess.runJvm(dir, "verify", "--db", target.url(), "--model", source.url());
        assertEquals(0, verify.exitCode(), what + ": ferry verify\n" + verify.all());
    }

    @Test
    void transferKilledAtRandomThenResumed() throws Exception {
        TestDatabase source = PostgresExtension.newDatabase("crash_transfer_source");
        source.execute(SOURCE);
        int trials = Faults.trials("crash", 3);
        List<String> failures = new ArrayList<>();
        List<Kill> kills = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Random random = random(1000, trial);
            TestDatabase target = PostgresExtension.newDatabase("crash_transfer_" + trial);
            Kill kill = killCopy("transfer" + trial, random, target, "transfer", "--from", source.url(), "--to", target.url(), "--jobs", "2",
                    "--split-larger-than", "48kB");
            kills.add(kill);
            String what = "trial " + trial + " (seed " + seed() + ", " + kill + ")";
            System.out.println("crash transfer " + what);
            try {
                if (kill.workRemained()) {
                    FerryProcess.Result resumed = FerryProcess.runJvm(dir, "transfer", "--from", source.url(), "--to",
                            target.url(), "--resume", "--jobs", "2");
                    assertEquals(0, resumed.exitCode(), what + ": --resume\n" + resumed.all());
                }
                assertIdentical(source, target, what);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        tally("crash transfer", trials, failures, kills);
    }

    @Test
    void archiveLoadKilledAtRandomThenResumed() throws Exception {
        TestDatabase source = PostgresExtension.newDatabase("crash_load_source");
        source.execute(SOURCE);
        Path archive = dir.resolve("source.ferry");
        FerryProcess.Result dumped = FerryProcess.runJvm(dir, "dump", "--db", source.url(), "-o", archive.toString(),
                "--split-larger-than", "48kB");
        assertEquals(0, dumped.exitCode(), dumped.all());
        int trials = Faults.trials("crash", 3);
        List<String> failures = new ArrayList<>();
        List<Kill> kills = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Random random = random(2000, trial);
            TestDatabase target = PostgresExtension.newDatabase("crash_load_" + trial);
            Kill kill = killCopy("load" + trial, random, target, "load", "--db", target.url(), archive.toString(),
                    "--jobs", "2");
            kills.add(kill);
            String what = "trial " + trial + " (seed " + seed() + ", " + kill + ")";
            System.out.println("crash load " + what);
            try {
                if (kill.workRemained()) {
                    FerryProcess.Result resumed = FerryProcess.runJvm(dir, "load", "--db", target.url(),
                            archive.toString(), "--resume", "--jobs", "2");
                    assertEquals(0, resumed.exitCode(), what + ": --resume\n" + resumed.all());
                }
                assertIdentical(source, target, what);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        tally("crash load", trials, failures, kills);
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

    /**
     * Runs migrate and kills it once a random number of the eight migrations is recorded, plus a
     * random delay shorter than one migration takes.
     */
    private Kill killMigrate(String name, Random random, TestDatabase target, Path m) throws Exception {
        int wanted = random.nextInt(8);
        int delayMs = random.nextInt(80);
        String applied = "SELECT count(*) FROM ferry_schema_history WHERE success";
        Process p = FerryProcess.start(dir, name, "migrate", "--db", target.url(), "--migrations", m.toString());
        try (TargetProbe probe = new TargetProbe(target)) {
            probe.await(p, applied, n -> n >= wanted, TIMEOUT);
            Thread.sleep(delayMs);
            boolean alive = kill(p);
            probe.awaitOtherSessionsGone();
            long done = Math.max(0, probe.count(applied));
            String point = "after " + wanted + " of 8 migrations + " + delayMs + " ms (" + done + " applied)";
            if (!alive) {
                return new Kill(point, "not killed (it had finished)", false);
            }
            return done < 8 ? new Kill(point, "killed mid-migrate", true)
                    : new Kill(point, "killed after the last migration", false);
        }
    }

    @Test
    void migrateKilledAtRandomThenRerun() throws Exception {
        Path m = migrations();
        TestDatabase reference = PostgresExtension.newDatabase("crash_migrate_reference");
        assertEquals(0, FerryProcess.runJvm(dir, "migrate", "--db", reference.url(), "--migrations", m.toString())
                .exitCode());
        int trials = Faults.trials("crash", 3);
        List<String> failures = new ArrayList<>();
        List<Kill> kills = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Random random = random(3000, trial);
            TestDatabase target = PostgresExtension.newDatabase("crash_migrate_" + trial);
            Kill kill = killMigrate("migrate" + trial, random, target, m);
            kills.add(kill);
            String what = "trial " + trial + " (seed " + seed() + ", " + kill + ")";
            System.out.println("crash migrate " + what);
            try {
                FerryProcess.Result rerun = FerryProcess.runJvm(dir, "migrate", "--db", target.url(), "--migrations",
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
        tally("crash migrate", trials, failures, kills);
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
        FerryProcess.Result whole = FerryProcess.runJvm(dir, planArgs(plan, source, reference, "reference"));
        assertEquals(0, whole.exitCode(), whole.all());
        int trials = Faults.trials("crash", 3);
        List<String> failures = new ArrayList<>();
        List<Kill> kills = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            Random random = random(4000, trial);
            TestDatabase target = PostgresExtension.newDatabase("crash_run_" + trial);
            String[] args = planArgs(plan, source, target, "run" + trial);
            Kill kill = killRun("run" + trial, random, target, reference, args);
            kills.add(kill);
            String what = "trial " + trial + " (seed " + seed() + ", " + kill + ")";
            System.out.println("crash run " + what);
            try {
                if (kill.workRemained()) {
                    List<String> resume = new ArrayList<>(List.of(args));
                    resume.add("--resume");
                    FerryProcess.Result resumed = FerryProcess.runJvm(dir, resume.toArray(String[]::new));
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
        tally("crash run", trials, failures, kills);
    }

    /**
     * Runs the plan and kills it inside a seeded step, once the step is recorded as started: in the
     * copy once a random share of its chunks is recorded, in migrate once a random number of its
     * migrations is, in the short steps after a random share of three quarters of the time the
     * step took in the uninterrupted reference run; each plus a random delay.
     */
    private Kill killRun(String name, Random random, TestDatabase target, TestDatabase reference, String... args)
            throws Exception {
        List<String> steps = List.of("copy", "migrate", "tally", "report");
        String step = steps.get(random.nextInt(steps.size()));
        double share = random.nextDouble();
        int delayMs = random.nextInt(25);
        Process p = FerryProcess.start(dir, name, args);
        try (TargetProbe probe = new TargetProbe(target)) {
            probe.await(p, "SELECT count(*) FROM ferry.plan_step WHERE step = '" + step + "'", n -> n > 0, TIMEOUT);
            String point = "in step " + step + " ";
            if (step.equals("copy")) {
                point += awaitChunks(probe, p, share);
            } else if (step.equals("migrate")) {
                int wanted = (int) (share * 8);
                probe.await(p, "SELECT count(*) FROM ferry_schema_history WHERE success", n -> n >= wanted, TIMEOUT);
                point += "after " + wanted + " of 8 migrations";
            } else {
                // Within the first three quarters of the reference time: the same step may run faster now.
                long took = reference.queryLong("SELECT duration_ms FROM ferry.plan_step WHERE step = '" + step + "'");
                long wait = (long) (share * 0.75 * took);
                Thread.sleep(wait);
                point += "after " + wait + " of its reference " + took + " ms";
            }
            point += " + " + delayMs + " ms";
            Thread.sleep(delayMs);
            boolean alive = kill(p);
            probe.awaitOtherSessionsGone();
            if (!alive) {
                return new Kill(point, "not killed (it had finished)", false);
            }
            long finished = Math.max(0, probe.count("SELECT count(*) FROM ferry.plan_step WHERE status = 'finished'"));
            return finished < steps.size() ? new Kill(point, "killed in step " + steps.get((int) finished), true)
                    : new Kill(point, "killed after the last step", false);
        }
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

    /**
     * The suite's line: trials that ended identical, then where the kills landed. A kill that came
     * too late tests nothing, so the suite fails unless at least 90% of its trials left work undone.
     */
    private static void tally(String suite, int trials, List<String> failures, List<Kill> kills) throws Exception {
        Map<String, Long> phases = kills.stream().collect(Collectors.groupingBy(Kill::phase, TreeMap::new,
                Collectors.counting()));
        String landed = phases.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        String line = suite + " " + (trials - failures.size()) + "/" + trials + " identical, " + landed;
        long mid = kills.stream().filter(Kill::workRemained).count();
        if (mid * 10 < trials * 9L) {
            failures.add("only " + mid + " of " + trials + " trials were killed while work remained (at least 90% "
                    + "must be): " + landed);
        }
        Faults.tally(line, failures);
    }
}
