package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every command that connects, run with the password given each way a user can give it (in the
 * URL, in PGPASSWORD, in a password file, in ckan.ini): the password appears in no output, no file
 * Ferry writes (archives, logs under FERRY_HOME), no history row and no table Ferry keeps. Failing
 * runs (with --verbose stack traces) are part of it. A new command is one more line in {@link #commands}.
 */
@Tag("slow")
class SecretsSuiteTest {
    /** How the password reaches Ferry. */
    enum Channel {
        URL, PGPASSWORD, PGPASSFILE, CKAN_INI
    }

    @TempDir
    Path dir;

    private final List<TestDatabase> databases = new ArrayList<>();

    private TestDatabase db(String hint) {
        TestDatabase d = PostgresExtension.newDatabase("secret_" + hint);
        databases.add(d);
        return d;
    }

    /** The connection for {@code d} as this channel gives it, as URL text (password or not). */
    private static String url(Channel channel, TestDatabase d) {
        return channel == Channel.URL ? Faults.url(Faults.PASSWORD_ROLE, Faults.PASSWORD, d)
                : "postgres://" + Faults.PASSWORD_ROLE + "@127.0.0.1:" + d.spec().port() + "/" + d.name();
    }

    /** {@code --db URL}, or {@code -c ckan.ini} whose sqlalchemy.url holds the password. */
    private List<String> target(Channel channel, TestDatabase d) throws Exception {
        if (channel != Channel.CKAN_INI) {
            return List.of("--db", url(channel, d));
        }
        Path ini = dir.resolve("secrets").resolve(d.name() + ".ini");
        Files.createDirectories(ini.getParent());
        // The site's other passwords too: Solr's and the DataStore's (a percent sign is written %% in an ini).
        String inIni = Faults.PASSWORD.replace("%", "%%");
        Files.writeString(ini, "[app:main]\nsqlalchemy.url = postgresql://" + Faults.PASSWORD_ROLE + ":"
                + inIni + "@127.0.0.1:" + d.spec().port() + "/" + d.name() + "\n"
                + "solr_url = http://ckan:" + inIni + "@127.0.0.1:1/solr/ckan\nsolr_user = ckan\nsolr_password = "
                + inIni + "\nckan.datastore.write_url = postgresql://ds_write:" + inIni + "@127.0.0.1:1/datastore\n");
        return List.of("-c", ini.toString());
    }

    private static List<String> join(Object... parts) {
        List<String> all = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                l.forEach(x -> all.add(String.valueOf(x)));
            } else {
                all.add(String.valueOf(p));
            }
        }
        return all;
    }

    /** Exit code of a command that must fail, but whose exact code other suites pin down. */
    private static final int FAILS = -1;

    /** A command line and the exit code it must end with. */
    record Command(int exit, List<String> args) {
        boolean endedAsExpected(String actual) {
            return exit == FAILS ? actual.matches("[1-9][0-9]*") : actual.equals(String.valueOf(exit));
        }
    }

    private static Command run(int exit, Object... parts) {
        return new Command(exit, join(parts));
    }

    /** Every connecting command, as this channel gives the password; some fail on purpose. */
    private List<Command> commands(Channel channel, Path work) throws Exception {
        Function<TestDatabase, String> u = d -> url(channel, d);
        TestDatabase source = db("source");
        source.execute("CREATE TABLE package (id int PRIMARY KEY, name text); "
                + "INSERT INTO package SELECT g, 'p' || g FROM generate_series(1, 500) g");
        Path m = work.resolve("migrations");
        Files.createDirectories(m.resolve("core"));
        Files.writeString(m.resolve("core/001_ok.sql"), "CREATE TABLE t (id int);");
        Files.writeString(m.resolve("core/002_fails.sql"), "SELECT * FROM no_such_table;");
        Path archive = work.resolve("source.ferry");
        Path plain = Files.writeString(work.resolve("plain.sql"), "CREATE TABLE x (id int);\nINSERT INTO x VALUES (1);\n");
        TestDatabase migrated = db("migrated");
        TestDatabase empty = db("empty");
        String unreachable = channel == Channel.URL
                ? "postgres://" + Faults.PASSWORD_ROLE + ":" + Faults.PASSWORD + "@127.0.0.1:1/x"
                : "postgres://" + Faults.PASSWORD_ROLE + "@127.0.0.1:1/x";
        String ms = m.toString();
        List<Command> commands = new ArrayList<>(List.of(
                run(4, "migrate", target(channel, migrated), "--migrations", ms),
                run(3, "migrate", target(channel, migrated), "--migrations", ms, "--verbose"),
                run(3, "migrate", "--dry-run", target(channel, migrated), "--migrations", ms),
                run(0, "status", "--json", target(channel, migrated), "--migrations", ms),
                run(3, "validate", target(channel, migrated), "--migrations", ms),
                run(0, "repair", target(channel, migrated), "--migrations", ms),
                run(0, "baseline", target(channel, migrated), "--migrations", ms, "--module", "other", "--version", "2"),
                run(0, "dump", target(channel, source), "-o", archive),
                run(0, "load", target(channel, db("loaded")), archive),
                run(0, "load", target(channel, db("plain")), plain),
                run(3, "load", target(channel, source), archive, "--verbose"),
                run(0, "ckan", "generate", target(channel, db("generated")), "--datasets", "5"),
                run(0, "ckan", "sysadmins", "list", target(channel, source)),
                run(1, "migrate", "--db", unreachable, "--migrations", ms, "--verbose")));
        if (channel == Channel.CKAN_INI) {
            commands.addAll(List.of(
                    run(0, "ckan", "config", target(channel, source)),
                    run(0, "ckan", "config", "--json", target(channel, source)),
                    run(FAILS, "reindex", "--verify", "--verbose", target(channel, source))));
        }
        if (channel != Channel.CKAN_INI) {
            commands.addAll(List.of(
                    run(0, "transfer", "--from", u.apply(source), "--to", u.apply(db("transferred"))),
                    run(6, "transfer", "--from", u.apply(source), "--to", u.apply(source), "--verbose"),
                    run(6, "diff", u.apply(source), u.apply(empty)),
                    run(3, "diff", "--unsafe", "--json", u.apply(source), u.apply(empty)),
                    run(3, "verify", "--db", u.apply(empty), "--model", u.apply(source), "--verbose"),
                    run(0, "new", "--migrations", ms, "--module", "core", "--db", u.apply(empty), "--model",
                            u.apply(source), "add package")));
        }
        return commands;
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void thePasswordAppearsNowhere(Channel channel) throws Exception {
        // The quick run covers the URL and a password file; faults/run-all.sh runs every channel.
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("ferry.faults.full")
                || channel == Channel.URL || channel == Channel.PGPASSFILE, "full run only");
        Faults.passwordRoles();
        Path work = Files.createDirectories(dir.resolve("work"));
        List<Command> commands = commands(channel, work);
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Path folder = Files.createDirectories(work.resolve("run" + i));
            Files.write(folder.resolve("args"), commands.get(i).args(), StandardCharsets.UTF_8);
            folders.add(folder.toString());
        }
        ProcessBuilder pb = FerryProcess.builder(work, List.of());
        pb.command().set(pb.command().size() - 1, FerryBatch.class.getName());
        pb.command().addAll(folders);
        Map<String, String> env = new HashMap<>();
        if (channel == Channel.PGPASSWORD) {
            env.put("PGPASSWORD", Faults.PASSWORD);
        } else if (channel == Channel.PGPASSFILE) {
            Path pgpass = dir.resolve("secrets").resolve("pgpass");
            Files.createDirectories(pgpass.getParent());
            Files.writeString(pgpass, "127.0.0.1:*:*:" + Faults.PASSWORD_ROLE + ":" + Faults.PASSWORD + "\n");
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
            env.put("PGPASSFILE", pgpass.toString());
        }
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(work.resolve("batch.log").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the batch finished");

        // Every command ran to the end it must have: a scan of what a command never got to write proves nothing.
        StringBuilder seen = new StringBuilder();
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Path folder = work.resolve("run" + i);
            String exit = Files.exists(folder.resolve("exit")) ? Files.readString(folder.resolve("exit")).strip()
                    : "none (it never ran)";
            String line = String.join(" ", commands.get(i).args()) + " -> exit " + exit;
            if (!commands.get(i).endedAsExpected(exit)) {
                unexpected.add(line + ", expected " + (commands.get(i).exit() == FAILS ? "a failure"
                        : commands.get(i).exit()));
            }
            String err = Files.exists(folder.resolve("err")) ? Files.readString(folder.resolve("err")) : "";
            seen.append(line).append('\n').append(err).append('\n');
        }
        String summary = seen.toString().replace(Faults.PASSWORD, "<PASSWORD>");
        assertEquals(List.of(), unexpected.stream().map(l -> l.replace(Faults.PASSWORD, "<PASSWORD>")).toList(),
                "every command ran and ended as it must:\n" + summary);
        assertTrue(summary.contains("no_such_table"), summary);

        List<String> leaks = new ArrayList<>();
        for (Path file : listFiles(dir)) {
            if (file.startsWith(dir.resolve("secrets")) || file.getFileName().toString().equals("args")) {
                continue; // where the user put the password, and the command lines themselves
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (leaks(text)) {
                leaks.add(dir.relativize(file).toString());
            }
        }
        for (TestDatabase d : databases) {
            if (leaks(kept(d))) {
                leaks.add("database " + d.name());
            }
        }
        assertEquals(List.of(), leaks, "the password leaked (" + channel + "):\n" + summary);
        record(channel, commands.size());
    }

    private static boolean leaks(String text) {
        return text.contains(Faults.PASSWORD) || text.contains("S3cr3t");
    }

    private static List<Path> listFiles(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Every row of the history and of Ferry's own schema, as text. */
    private static String kept(TestDatabase d) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = d.open(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
                    + "WHERE schemaname = 'ferry' OR tablename = 'ferry_schema_history'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT x::text FROM " + t + " x")) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static synchronized void record(Channel channel, int commands) throws Exception {
        Faults.report("secrets " + channel + " " + commands + " commands clean");
    }
}
