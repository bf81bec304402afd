package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a new user meets first: help, typos, the version, progress, Ctrl-C. */
@ExtendWith(PostgresExtension.class)
class FirstContactCliTest {
    private static final String SOURCE = """
            CREATE TABLE package (id text PRIMARY KEY, name text UNIQUE, notes text);
            INSERT INTO package SELECT md5(g::text), 'dataset-' || g, repeat('lorem ipsum ', 20 + g % 30)
                FROM generate_series(1, 60000) g;
            ANALYZE;
            """;

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    /** Runs Ferry in this JVM. */
    private Run inProcess(String... args) {
        FerryProcess.Result r = FerryProcess.run(dir, args);
        return new Run(r.exitCode(), r.out(), r.err());
    }

    /** Every command's path from the top, e.g. [ckan, sysadmins, restore]. */
    private static List<List<String>> commandPaths(CommandLine command, List<String> path, List<List<String>> into) {
        for (var sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            into.add(next);
            commandPaths(sub.getValue(), next, into);
        }
        return into;
    }

    @Test
    void everyCommandsHelpWorksAndShowsExamples() throws Exception {
        CommandLine all = new CommandLine(new Ferry(null)); // its model only: it runs nothing
        Ferry.commandsFor(new String[0]).forEach(all::addSubcommand);
        List<List<String>> paths = commandPaths(all, List.of(), new ArrayList<>());
        assertTrue(paths.size() >= 20, "found " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Run help = inProcess(args.toArray(String[]::new));
            String shown = String.join(" ", args) + "\n" + help.out() + help.err();
            assertEquals(0, help.code(), shown);
            assertTrue(help.out().contains("Usage: ferry " + String.join(" ", path)), shown);
            int examples = help.out().indexOf("Examples:");
            assertTrue(examples > 0, shown);
            long lines = help.out().substring(examples).lines().filter(l -> l.matches("  (ferry|pg_restore) .*")).count();
            assertTrue(lines >= 1 && lines <= 3, "one to three examples: " + shown);
            assertFalse(help.out().lines().anyMatch(l -> l.length() > 120), "lines fit: " + shown);
        }
    }

    @Test
    void aMistypedOptionIsNamedFirstWithTheNearestOption() throws Exception {
        Run typo = inProcess("transfer", "--form", "postgres://a@h/x", "--to", "postgres://a@h/y");
        assertEquals(2, typo.code(), typo.err());
        assertEquals("ferry: unknown option '--form' (did you mean --from?)", typo.err().lines().findFirst().orElse(""));
        Run swapped = inProcess("migrate", "--db", "x", "--migrations", "y", "--dyr-run");
        assertTrue(swapped.err().startsWith("ferry: unknown option '--dyr-run' (did you mean --dry-run?)"), swapped.err());
        Run far = inProcess("status", "--db", "x", "--frobnicate");
        assertTrue(far.err().startsWith("ferry: unknown option '--frobnicate'\n"), far.err());
        Run load = inProcess("load", "--db", "x", "--drop-oids", "-");
        assertTrue(load.err().startsWith("ferry: unknown option '--drop-oids'"), load.err());
        assertFalse(inProcess("load", "--help").out().contains("--drop-oids"), "load lists only what it takes");
    }

    @Test
    void versionNamesTheReleaseAndTheCommit() throws Exception {
        Run version = inProcess("-V");
        assertEquals(0, version.code());
        assertTrue(version.out().strip().matches("ferry \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{7,}"
                + "( with local changes)?, \\d{4}-\\d\\d-\\d\\d\\)"), version.out());
    }

    @Test
    void statusReadsTheHistoryWithoutTheMigrationFiles(TestDatabase db) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("migrations/core"));
        Files.writeString(folder.resolve("001_a.sql"), "CREATE TABLE a (id int);");
        assertEquals(0, inProcess("migrate", "--db", db.url(), "--migrations", dir.resolve("migrations").toString()).code());
        Run status = inProcess("status", "--db", db.url());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().lines().anyMatch(l -> l.matches("core\\s+1\\s+1\\s+0\\s*")), status.out());
        assertTrue(status.out().contains("from the history alone"), status.out());
        Run json = inProcess("status", "--db", db.url(), "--json");
        assertTrue(json.out().contains("\"migrationFiles\" : false"), json.out());
        assertTrue(json.out().contains("\"state\" : \"applied\""), "not 'missing' for want of files: " + json.out());
    }

    @Test
    void progressBarsFollowStandardErrorNotStandardOutput(TestDatabase source, TestDatabase target) throws Exception {
        source.execute(SOURCE);
        Path out = dir.resolve("out.log");
        Path screen = dir.resolve("screen.log");
        // script(1) gives the command a terminal; standard output is then sent to a file, as in `ferry ... > log`.
        String command = String.join(" ", FerryProcess.builder(dir, List.of("transfer", "--from", source.url(), "--to",
                target.url())).command().stream().map(Interruption::quoted).toList()) + " > " + out;
        Process p = new ProcessBuilder("script", "-qefc", command, screen.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("script.out").toFile()).start();
        assertEquals(0, p.waitFor(), Files.readString(dir.resolve("script.out")));
        assertTrue(Files.readString(out).contains("data and schema verified"), Files.readString(out));
        assertFalse(Files.readString(out).contains("100%"), "no bar in the log");
        assertTrue(Files.readString(screen).contains("100%"), "a bar on the terminal: " + Files.readString(screen));
    }

    @Test
    void ctrlCDuringATransferSaysHowToResumeAndTheResumeWorks(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute(SOURCE);
        Process p = FerryProcess.start(dir, "interrupted", "transfer", "--from", source.url(), "--to", target.url(),
                "--jobs", "1", "--split-larger-than", "256kB");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            boolean planned = target.queryString("SELECT to_regclass('ferry.transfer_chunk')") != null;
            if (planned && target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL") >= 2) {
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "still copying when interrupted");
        assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor());
        FerryProcess.Result r = FerryProcess.finish(p, dir, "interrupted", Duration.ofSeconds(60));
        assertEquals(130, r.exitCode(), r.all());
        long copied = target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL");
        assertTrue(copied < target.queryLong("SELECT count(*) FROM ferry.transfer_chunk"), "interrupted mid-copy");
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        Matcher m = Pattern.compile("^ferry: interrupted the transfer into .*; the target keeps every chunk copied so far; "
                + "resume with: ferry (transfer .* --resume)$").matcher(last);
        assertTrue(m.matches(), r.err());
        List<String> resume = new ArrayList<>(List.of(m.group(1).split(" ")));
        FerryProcess.Result resumed = FerryProcess.runJvm(dir, resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.all());
        assertTrue(resumed.out().contains("(resumed)"), resumed.out());
        String checksum = "SELECT count(*) || ':' || sum(hashtextextended(p::text, 0)) FROM package p";
        assertEquals(source.queryString(checksum), target.queryString(checksum));
    }

    @Test
    void sigtermDuringAMigrationRollsItBackAndSaysHowToGoOn(TestDatabase db) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("migrations/core"));
        // Slow until the test says otherwise: a table named go_fast turns the sleep off.
        Files.writeString(folder.resolve("001_slow.sql"), "CREATE TABLE done_001 (id int);\n"
                + "SELECT pg_sleep(CASE WHEN to_regclass('go_fast') IS NULL THEN 60 ELSE 0 END);\n");
        Process p = FerryProcess.start(dir, "terminated", "migrate", "--db", db.url(), "--migrations",
                dir.resolve("migrations").toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && db.queryLong("SELECT count(*) FROM pg_stat_activity "
                + "WHERE query LIKE '%pg_sleep(CASE%' AND state = 'active' AND pid <> pg_backend_pid()") == 0) {
            Thread.sleep(50);
        }
        assertEquals(0, new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start().waitFor());
        FerryProcess.Result r = FerryProcess.finish(p, dir, "terminated", Duration.ofSeconds(60));
        assertEquals(143, r.exitCode(), r.all());
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        Matcher m = Pattern.compile("^ferry: interrupted migrate on .*; each migration runs in its own transaction: "
                + "the one running is rolled back .*; run again to apply the rest: ferry (migrate .*)$").matcher(last);
        assertTrue(m.matches(), r.err());
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && db.queryLong("SELECT count(*) FROM pg_stat_activity "
                + "WHERE query LIKE '%pg_sleep(CASE%' AND pid <> pg_backend_pid()") > 0) {
            Thread.sleep(50);
        }
        assertEquals(null, db.queryString("SELECT to_regclass('done_001')::text"), "rolled back");
        db.execute("CREATE TABLE go_fast ()");
        FerryProcess.Result again = FerryProcess.runJvm(dir, m.group(1).split(" "));
        assertEquals(0, again.exitCode(), again.all());
        assertEquals("done_001", db.queryString("SELECT to_regclass('done_001')::text"));
    }

    /** {@code ferry transfer ... --clean} on a terminal (script(1)), answering the question with {@code answer}. */
    private Process cleanOnATerminal(TestDatabase source, TestDatabase target, String answer) throws Exception {
        String command = String.join(" ", FerryProcess.builder(dir, List.of("transfer", "--from", source.url(), "--to",
                target.url(), "--clean")).command().stream().map(Interruption::quoted).toList());
        Process p = new ProcessBuilder("script", "-qefc", command, dir.resolve("clean-" + answer + ".log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("clean-" + answer + ".out").toFile()).start();
        Thread.sleep(3000);
        p.getOutputStream().write((answer + "\n").getBytes());
        p.getOutputStream().flush();
        return p;
    }

    @Test
    void cleanSaysWhatItDropsAndAsksOnATerminal(TestDatabase source, TestDatabase target) throws Exception {
        source.execute("CREATE TABLE kept (id int PRIMARY KEY); INSERT INTO kept VALUES (1), (2)");
        target.execute("CREATE TABLE doomed (id int); CREATE SEQUENCE doomed_seq; INSERT INTO doomed VALUES (7)");
        Process no = cleanOnATerminal(source, target, "no");
        assertEquals(2, no.waitFor(), Files.readString(dir.resolve("clean-no.out")));
        String screen = Files.readString(dir.resolve("clean-no.out"));
        assertTrue(screen.contains("--clean drops on " + target.url()
                + ": schema public (1 table, 1 sequence)"), screen);
        assertTrue(screen.contains("Drop all of it? Type yes to go on:"), screen);
        assertTrue(screen.contains("ferry: --clean not confirmed; nothing was changed"), screen);
        assertEquals(7, target.queryLong("SELECT id FROM doomed"));

        Process yes = cleanOnATerminal(source, target, "yes");
        assertEquals(0, yes.waitFor(), Files.readString(dir.resolve("clean-yes.out")));
        assertEquals(2, target.queryLong("SELECT count(*) FROM kept"));
        assertEquals(null, target.queryString("SELECT to_regclass('doomed')::text"));
    }

    @Test
    void repairSaysWhatItChangesBeforeChangingIt(TestDatabase db) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("migrations/core"));
        Files.writeString(folder.resolve("001_a.sql"), "CREATE TABLE a (id int);");
        String migrations = dir.resolve("migrations").toString();
        assertEquals(0, inProcess("migrate", "--db", db.url(), "--migrations", migrations).code());
        Files.writeString(folder.resolve("001_a.sql"), "CREATE TABLE a (id bigint);");
        Run repair = inProcess("repair", "--db", db.url(), "--migrations", migrations);
        assertEquals(0, repair.code(), repair.err());
        assertEquals(List.of("Repairing " + db.url() + ":", "  accept the changed core/001_a.sql (update its checksum)",
                "Repaired " + db.url()), repair.out().lines().toList());
    }

    @Test
    void countsAgreeBetweenGenerateAndTransfer(TestDatabase source, TestDatabase target) throws Exception {
        Run generated = inProcess("ckan", "generate", "--db", source.url(), "--datasets", "40");
        assertEquals(0, generated.code(), generated.err());
        Matcher g = Pattern.compile("Generated ([0-9,]+) rows in").matcher(generated.out());
        assertTrue(g.find(), generated.out());
        Run moved = inProcess("transfer", "--from", source.url(), "--to", target.url(), "--verify", "counts");
        assertEquals(0, moved.code(), moved.err());
        Matcher t = Pattern.compile("Transferred ([0-9,]+) rows in").matcher(moved.out());
        assertTrue(t.find(), moved.out());
        assertEquals(g.group(1), t.group(1));
    }
}
