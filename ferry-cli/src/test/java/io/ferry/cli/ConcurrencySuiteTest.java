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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four {@code ferry migrate} processes started together on one database, trial after trial
 * ({@code ferry.faults.concurrency.trials}, default 2): every migration applied exactly once, every
 * process done in time (no deadlock), and the losers either wait and find nothing to do (exit 0) or,
 * with a short {@code --lock-wait}, give up with exit 5 and one line, having changed nothing.
 */
@Tag("slow")
class ConcurrencySuiteTest {
    @TempDir
    Path dir;

    private Path migrations() throws Exception {
        Path m = dir.resolve("migrations");
        for (int i = 1; i <= 6; i++) {
            // Not idempotent: a migration applied twice adds a second row.
            write(m, String.format("core/%03d_step.sql", i), (i == 1 ? "CREATE TABLE applied (module text, version int);\n" : "")
                    + "INSERT INTO applied VALUES ('core', " + i + ");\nSELECT pg_sleep(0.05);");
            write(m, String.format("plugin/%03d_step.sql", i), "INSERT INTO applied VALUES ('plugin', " + i + ");");
        }
        write(m, "plugin/module.properties", "requires=core>=6");
        return m;
    }

    private static void write(Path m, String relative, String sql) throws Exception {
        Path file = m.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    @Test
    void fourMigratesAtOnceTrialAfterTrial() throws Exception {
        Path m = migrations();
        int trials = Faults.trials("concurrency", 2);
        List<String> failures = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            TestDatabase db = PostgresExtension.newDatabase("concurrent_" + trial);
            // Odd trials: a short --lock-wait, so processes that lose the race may give up (exit 5).
            boolean impatient = trial % 2 == 1;
            List<Process> processes = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                List<String> args = new ArrayList<>(List.of("migrate", "--db", db.url(), "--migrations", m.toString()));
                if (impatient) {
                    args.addAll(List.of("--lock-wait", "1"));
                }
                processes.add(FerryProcess.start(dir, "t" + trial + "p" + p, args.toArray(String[]::new)));
            }
            String what = "trial " + trial + (impatient ? " (--lock-wait 1)" : "");
            try {
                int reported = 0;
                int gaveUp = 0;
                for (int p = 0; p < 4; p++) {
                    FerryProcess.Result r = FerryProcess.finish(processes.get(p), dir, "t" + trial + "p" + p,
                            Duration.ofMinutes(2));
                    if (r.exitCode() == 5) {
                        assertTrue(impatient, what + ": exit 5 without --lock-wait\n" + r.all());
                        assertEquals(1, r.err().strip().lines().count(), what + ": one line\n" + r.err());
                        assertTrue(r.out().lines().noneMatch(l -> l.matches("(core|plugin) \\d+ .*")),
                                what + ": a process that gave up applied nothing\n" + r.out());
                        gaveUp++;
                    } else {
                        assertEquals(0, r.exitCode(), what + "\n" + r.all());
                    }
                    reported += (int) r.out().lines().filter(l -> l.matches("(core|plugin) \\d+ .*")).count();
                }
                assertTrue(gaveUp < 4, what + ": someone won");
                assertEquals(12, reported, what + ": each migration reported once across all processes");
                assertEquals(12, db.queryLong("SELECT count(*) FROM applied"), what);
                assertEquals(12, db.queryLong("SELECT count(DISTINCT (module, version)) FROM applied"), what);
                assertEquals(12, db.queryLong("SELECT count(*) FROM ferry_schema_history WHERE success"), what);
                assertEquals(0, db.queryLong("SELECT count(*) FROM ferry_schema_history WHERE NOT success"), what);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
                processes.forEach(Process::destroyForcibly);
            }
        }
        tally("concurrency migrate", trials, failures);
    }

    /**
     * Two {@code ferry run} of one plan started together on one target, trial after trial: exactly
     * one runs the plan, the other is refused at once with exit 5 and one line (or, when it started so
     * late that the plan had finished, with exit 3: the target already has a run), and the plan's
     * non-idempotent step ran once.
     */
    @Test
    void twoRunsAtOnceOnOneTarget() throws Exception {
        Path plan = dir.resolve("slow.yaml");
        Files.writeString(plan, """
                plan: slow
                connections:
                  target: ${FERRY_TARGET}
                steps:
                  - name: count
                    kind: sql
                    script: |
                      CREATE TABLE IF NOT EXISTS ran (at timestamptz);
                      INSERT INTO ran VALUES (now());
                      SELECT pg_sleep(3);
                """);
        int trials = Faults.trials("concurrency", 2);
        List<String> failures = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            TestDatabase db = PostgresExtension.newDatabase("concurrent_run_" + trial);
            List<Process> processes = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                processes.add(FerryProcess.start(dir, "r" + trial + "p" + p, "run", plan.toString(), "--set",
                        "target=" + db.url(), "--report-dir", dir.resolve("report" + trial + "p" + p).toString()));
            }
            String what = "trial " + trial;
            try {
                int ran = 0;
                int refused = 0;
                for (int p = 0; p < 2; p++) {
                    FerryProcess.Result r = FerryProcess.finish(processes.get(p), dir, "r" + trial + "p" + p,
                            Duration.ofMinutes(2));
                    if (r.exitCode() == 5) {
                        assertEquals(1, r.err().strip().lines().count(), what + ": one line\n" + r.err());
                        assertTrue(r.err().contains("another ferry run"), what + "\n" + r.err());
                        refused++;
                    } else if (r.exitCode() == 3) {
                        // A JVM that started late finds the other's run already finished: refused too,
                        // with the line that says so (the plan still ran once).
                        assertEquals(1, r.err().strip().lines().count(), what + ": one line\n" + r.err());
                        assertTrue(r.err().contains("already has a run of plan slow"), what + "\n" + r.err());
                        refused++;
                    } else {
                        assertEquals(0, r.exitCode(), what + "\n" + r.all());
                        ran++;
                    }
                }
                assertEquals(1, ran, what + ": one run ran the plan");
                assertEquals(1, refused, what + ": the other was refused");
                assertEquals(1, db.queryLong("SELECT count(*) FROM ran"), what + ": the step ran once");
            } catch (AssertionError e) {
                failures.add(e.getMessage());
                processes.forEach(Process::destroyForcibly);
            }
        }
        tally("concurrency run", trials, failures);
    }

    private static void tally(String suite, int trials, List<String> failures) throws Exception {
        Faults.tally(suite + " " + (trials - failures.size()) + "/" + trials, failures);
    }
}
