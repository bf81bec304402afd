package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.pgdump.PgDumpFixture;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue: each row sets up a situation, runs one {@code ferry} command line as a
 * real process, and expects one line on standard error matching its pattern, the exit code from
 * README's table, and nothing half-applied: every database the case watches has the same
 * fingerprint (relations, row counts and row hashes) afterwards as before, unless the row says what
 * may change and checks it. A new command's cases are one more row.
 */
@Tag("slow")
class BadInputTest {
    /** A case's situation: writes files, fills databases, and returns the command line to run. */
    interface Setup {
        List<String> prepare(Fixture f) throws Exception;
    }

    /** What must hold after the run, beyond the watched databases being unchanged. */
    interface Check {
        void verify(Fixture f) throws Exception;
    }

    record Case(String name, int exit, String message, Setup setup, Check check) {
    }

    private static final String SMALL = """
            CREATE TABLE package (id int PRIMARY KEY, name text UNIQUE, notes text);
            CREATE TABLE tag (id int PRIMARY KEY, package_id int REFERENCES package (id), name text);
            INSERT INTO package SELECT g, 'dataset-' || g, repeat('x', g % 50) FROM generate_series(1, 3000) g;
            INSERT INTO tag SELECT g, 1 + g % 3000, 'tag ' || g FROM generate_series(1, 3000) g;
            """;

    @TempDir
    static Path root;

    /** One case's world: its folder and its databases (created on demand). */
    static final class Fixture {
        final Path dir;
        private final Map<String, TestDatabase> databases = new LinkedHashMap<>();
        private final Map<String, String> before = new HashMap<>();
        private final List<String> mayChange = new ArrayList<>();

        Fixture(Path dir) {
            this.dir = dir;
        }

        /** A fresh database, watched: it must be the same after the run as before it. */
        TestDatabase db(String role) {
            return databases.computeIfAbsent(role, r -> PostgresExtension.newDatabase("bad_" + r));
        }

        /** A fresh database filled with a small catalog-like data set. */
        TestDatabase filled(String role) {
            TestDatabase d = db(role);
            d.execute(SMALL);
            return d;
        }

        /** This database is expected to change: the case's own check says how. */
        void mayChange(String role) {
            mayChange.add(role);
        }

        Path file(String relative, String content) throws Exception {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        }

        Path migrations() {
            return dir.resolve("migrations");
        }

        Path migration(String relative, String sql) throws Exception {
            file("migrations/" + relative, sql);
            return migrations();
        }

        /** Applies the migrations folder as it is now (part of a case's setup). */
        void migrate(TestDatabase db) throws Exception {
            assertEquals(0, setupRun("migrate", "--db", db.url(), "--migrations", migrations().toString()));
        }

        /** A Ferry archive of the database, made by ferry dump (part of a case's setup). */
        Path dump(TestDatabase db) throws Exception {
            Path file = dir.resolve("db.ferry");
            assertEquals(0, setupRun("dump", "--db", db.url(), "-o", file.toString(), "--split-larger-than", "16kB"));
            return file;
        }

        /** A plain dump written by the real pg_dump, gzipped. */
        Path pgDump(TestDatabase db) throws Exception {
            Path sql = PgDumpFixture.dump(db, dir.resolve("plain.sql"), "-x", "-O");
            Path gz = dir.resolve("plain.sql.gz");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
                Files.copy(sql, out);
            }
            return gz;
        }

        /** An archive written by the real pg_dump in another format: c (custom), d (directory) or t (tar). */
        Path pgDumpArchive(TestDatabase db, String format) throws Exception {
            return PgDumpFixture.dump(db, dir.resolve("archive." + format), "-F" + format);
        }

        /** A file of these bytes. */
        Path bytes(String relative, byte[] content) throws Exception {
            Path file = dir.resolve(relative);
            Files.write(file, content);
            return file;
        }

        /** A command run in this JVM as part of a setup (what is tested runs in the batch). */
        int setupRun(String... args) throws Exception {
            return FerryBatch.run(Files.createDirectories(dir.resolve("setup" + System.nanoTime())), args);
        }

        void snapshot() throws Exception {
            for (Map.Entry<String, TestDatabase> e : databases.entrySet()) {
                if (!mayChange.contains(e.getKey())) {
                    before.put(e.getKey(), Faults.fingerprint(e.getValue()));
                }
            }
        }

        void assertUnchanged() throws Exception {
            for (Map.Entry<String, String> e : before.entrySet()) {
                assertEquals(e.getValue(), Faults.fingerprint(databases.get(e.getKey())),
                        "database '" + e.getKey() + "' changed");
            }
        }
    }

    private static final Check NOTHING_MORE = f -> { };

    /** A pg_dump archive load that failed on a table's data: the load is recorded on the target, for --resume. */
    private static void recordedForResume(Fixture f) {
        assertEquals("ferry.transfer_chunk", f.db("target").queryString("SELECT to_regclass('ferry.transfer_chunk')::text"));
        assertEquals(1, f.db("target").queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NULL"),
                "the table that failed is not recorded as loaded");
    }

    private static Case c(String name, int exit, String message, Setup setup) {
        return new Case(name, exit, message, setup, NOTHING_MORE);
    }

    private static Case c(String name, int exit, String message, Setup setup, Check check) {
        return new Case(name, exit, message, setup, check);
    }

    private static List<String> args(Object... parts) {
        return Arrays.stream(parts).map(String::valueOf).toList();
    }

    /** The archive with one byte changed at the middle of the named entry's first block. */
    private static Path corrupt(Path archive, String entry, Path to) throws Exception {
        byte[] bytes = Files.readAllBytes(archive);
        int at = entryStart(bytes, entry);
        int length = ((bytes[at + entry.length()] & 0xff) << 24) | ((bytes[at + entry.length() + 1] & 0xff) << 16)
                | ((bytes[at + entry.length() + 2] & 0xff) << 8) | (bytes[at + entry.length() + 3] & 0xff);
        int middle = at + entry.length() + 4 + length / 2;
        bytes[middle] ^= 0x5a;
        Files.write(to, bytes);
        return to;
    }

    /** Where the archive's entry header ('E', name length, name) for {@code entry} ends. */
    private static int entryStart(byte[] bytes, String entry) {
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[name.length + 3];
        header[0] = 'E';
        header[1] = (byte) (name.length >> 8);
        header[2] = (byte) name.length;
        System.arraycopy(name, 0, header, 3, name.length);
        return indexOf(bytes, header) + 3;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + new String(needle, StandardCharsets.UTF_8));
    }

    private static Path truncate(Path file, double fraction, Path to) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(to, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return to;
    }

    /** A loaded archive that failed part-way keeps exactly the rows its bookkeeping recorded, for --resume. */
    private static final Check RESUMABLE = f -> {
        TestDatabase t = f.db("target");
        assertEquals("ferry.transfer_chunk", t.queryString("SELECT to_regclass('ferry.transfer_chunk')::text"));
        long recorded = t.queryLong("SELECT coalesce(sum(rows), 0) FROM ferry.transfer_chunk "
                + "WHERE copied_at IS NOT NULL");
        long present = t.queryLong("SELECT (SELECT count(*) FROM package) + (SELECT count(*) FROM tag)");
        assertEquals(recorded, present, "only recorded chunks are in the target");
    };

    private static Check history(String expected) {
        return f -> assertEquals(expected, f.db("db").queryString("SELECT coalesce(string_agg(version || ':' || "
                + "success, ',' ORDER BY installed_rank), '') FROM ferry_schema_history"));
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // --- usage: nothing is done (exit 2)
        cases.add(c("unknown command", 2, "Unmatched argument|Unknown", f -> args("frobnicate")));
        cases.add(c("unknown option", 2, "unknown option '--no-such-option'$", f -> args("migrate", "--db",
                f.db("db").url(), "--migrations", f.migration("core/001_a.sql", "SELECT 1;"), "--no-such-option")));
        cases.add(c("mistyped option, named before the option it hides", 2,
                "unknown option '--form' \\(did you mean --from\\?\\)", f -> args("transfer", "--form",
                        f.filled("source").url(), "--to", f.db("target").url())));
        cases.add(c("--resume together with --clean", 2, "--resume and --clean contradict each other", f -> args(
                "transfer", "--from", f.filled("source").url(), "--to", f.filled("target").url(), "--resume", "--clean",
                "--yes")));
        cases.add(c("no database given", 2, "no database given", f -> args("status", "--migrations",
                f.migration("core/001_a.sql", "SELECT 1;"))));
        cases.add(c("both --db and -c", 2, "either --db or -c", f -> args("status", "--db", f.db("db").url(), "-c",
                f.file("ckan.ini", "[app:main]\n"), "--migrations", f.migration("core/001_a.sql", "SELECT 1;"))));
        cases.add(c("embedded: without a name", 2, "embedded: needs a database name", f -> args("status", "--db",
                "embedded:", "--migrations", f.migration("core/001_a.sql", "SELECT 1;"))));
        cases.add(c("migrations folder missing", 2, "migrations folder", f -> args("migrate", "--db", f.db("db").url(),
                "--migrations", f.dir.resolve("absent"))));
        cases.add(c("malformed --target", 2, "--target", f -> args("migrate", "--db", f.db("db").url(),
                "--migrations", f.migration("core/001_a.sql", "CREATE TABLE a (id int);"), "--target", "core")));
        cases.add(c("transfer --clean without --yes", 2, "add --yes", f -> args("transfer", "--from",
                f.filled("source").url(), "--to", f.filled("target").url(), "--clean")));
        cases.add(c("bad --verify mode", 2, "--verify", f -> args("transfer", "--from", f.filled("source").url(),
                "--to", f.db("target").url(), "--verify", "sometimes")));
        cases.add(c("bad --split-larger-than size", 2, "--split-larger-than", f -> args("transfer", "--from",
                f.filled("source").url(), "--to", f.db("target").url(), "--split-larger-than", "huge")));
        cases.add(c("zero --jobs", 2, "--jobs", f -> args("transfer", "--from", f.filled("source").url(),
                "--to", f.db("target").url(), "--jobs", "0")));
        cases.add(c("--resume on a plain dump", 2, "--resume applies to Ferry archives", f -> args("load", "--db",
                f.db("target").url(), f.pgDump(f.filled("source")), "--resume")));
        cases.add(c("malformed connection URL", 2, "port|URL|url", f -> args("status", "--db",
                "postgres://postgres@localhost:notaport/x", "--migrations", f.migration("core/001_a.sql", "SELECT 1;"))));
        cases.add(c("unknown libpq keyword", 2, "hots", f -> args("status", "--db", "hots=localhost dbname=x",
                "--migrations", f.migration("core/001_a.sql", "SELECT 1;"))));
        cases.add(c("ckan generate with negative --datasets", 2, "--datasets", f -> args("ckan", "generate", "--db",
                f.db("db").url(), "--datasets", "-5")));

        // --- connections (exit 1)
        cases.add(c("unreachable host (closed loopback port)", 1, "cannot connect to postgres://postgres@127.0.0.1:1/",
                f -> args("migrate", "--db", "postgres://postgres@127.0.0.1:1/ckan", "--migrations",
                        f.migration("core/001_a.sql", "SELECT 1;"))));
        cases.add(c("unknown host", 1, "cannot connect to postgres://ckan@no-such-host\\.invalid:5432/ckan: cannot "
                + "resolve host 'no-such-host\\.invalid'", f -> args("status", "--db",
                "postgres://ckan@no-such-host.invalid/ckan", "--migrations", f.migration("core/001_a.sql", "SELECT 1;"))));
        cases.add(c("wrong password", 1, "password authentication failed for user \"ferry_pw_role\"", f -> {
            Faults.passwordRoles();
            return args("migrate", "--db", Faults.url(Faults.PASSWORD_ROLE, "wrong-one", f.db("db")), "--migrations",
                    f.migration("core/001_a.sql", "CREATE TABLE a (id int);"));
        }));
        cases.add(c("no password at all for a password role", 1, "password", f -> {
            Faults.passwordRoles();
            TestDatabase d = f.db("db");
            return args("status", "--db", "postgres://" + Faults.PASSWORD_ROLE + "@127.0.0.1:" + d.spec().port() + "/"
                    + d.name(), "--migrations", f.migration("core/001_a.sql", "SELECT 1;"));
        }));
        cases.add(c("missing database", 1, "database \"no_such_db\" does not exist", f -> args("transfer", "--from",
                f.filled("source").url(), "--to", f.db("source").url().replaceAll("/[^/]+$", "/no_such_db"))));
        cases.add(c("permission denied on the target (non-superuser)", 1, "permission denied", f -> {
            Faults.passwordRoles();
            return args("transfer", "--from", f.filled("source").url(), "--to",
                    Faults.url(Faults.PLAIN_ROLE, Faults.PLAIN_PASSWORD, f.db("target")));
        }));
        cases.add(c("migrate as a non-superuser without CREATE", 1, "permission denied", f -> {
            Faults.passwordRoles();
            return args("migrate", "--db", Faults.url(Faults.PLAIN_ROLE, Faults.PLAIN_PASSWORD, f.db("db")),
                    "--migrations", f.migration("core/001_a.sql", "CREATE TABLE a (id int);"));
        }));
        cases.add(c("ckan.ini missing", 1, "ckan.ini", f -> args("status", "-c", f.dir.resolve("ckan.ini"),
                "--migrations", f.migration("core/001_a.sql", "SELECT 1;"))));
        cases.add(c("ckan.ini unreadable (a folder)", 1, "ckan.ini", f -> {
            Files.createDirectories(f.dir.resolve("ckan.ini"));
            return args("status", "-c", f.dir.resolve("ckan.ini"), "--migrations",
                    f.migration("core/001_a.sql", "SELECT 1;"));
        }));
        cases.add(c("ckan.ini without sqlalchemy.url", 1, "sqlalchemy.url", f -> args("status", "-c",
                f.file("ckan.ini", "[app:main]\nckan.site_url = http://x\n"), "--migrations",
                f.migration("core/001_a.sql", "SELECT 1;"))));
        cases.add(c("ckan.ini not an ini file", 1, "ckan.ini", f -> args("status", "-c",
                f.file("ckan.ini", "\u0000\u0001 binary garbage = [[[\n"), "--migrations",
                f.migration("core/001_a.sql", "SELECT 1;"))));
        cases.add(c("ckan.ini whose use = config: file is missing", 2, "ckan\\.ini line 2: use: .*gone\\.ini",
                f -> args("status", "-c", f.file("ckan.ini", "[app:main]\nuse = config:sub/gone.ini\n"))));
        cases.add(c("ckan.ini chains that form a cycle", 2, "cycle", f -> {
            f.file("sub/b.ini", "[app:main]\nuse = config:../ckan.ini\n");
            return args("status", "-c", f.file("ckan.ini", "[app:main]\nuse = config:sub/b.ini\n"));
        }));
        cases.add(c("ckan.ini with an undefined %(name)s", 2, "ckan\\.ini line 2: sqlalchemy\\.url: .*MY_DB_URL",
                f -> args("status", "-c", f.file("ckan.ini", "[app:main]\nsqlalchemy.url = %(MY_DB_URL)s\n"))));
        cases.add(c("ckan.ini with a DataStore URL that does not parse", 2, "ckan\\.ini line 3: ckan\\.datastore\\.write_url",
                f -> args("status", "-c", f.file("ckan.ini", "[app:main]\nsqlalchemy.url = postgresql://a@127.0.0.1:1/x\n"
                        + "ckan.datastore.write_url = postgresql://w:pw@db:notaport/ds\n"))));
        cases.add(c("ckan.ini with a solr_url that is not http", 2, "ckan\\.ini line 3: solr_url", f -> args("reindex",
                "-c", f.file("ckan.ini", "[app:main]\nsqlalchemy.url = postgresql://a@127.0.0.1:1/x\n"
                        + "solr_url = ftp://solr/ckan\n"))));

        // --- migrations: refused before anything runs (exit 3), or rolled back and recorded (exit 4)
        cases.add(c("SQL error in a migration names file:line", 4,
                "core/002_bad\\.sql:3: ERROR 42P01: relation \"no_such_table\" does not exist", f -> {
                    f.mayChange("db");
                    f.migration("core/001_a.sql", "CREATE TABLE a (id int);");
                    return args("migrate", "--db", f.db("db").url(), "--migrations", f.migration("core/002_bad.sql",
                            "CREATE TABLE b (id int);\nINSERT INTO a VALUES (1);\nSELECT * FROM no_such_table;\n"));
                }, f -> {
                    history("1:true,2:false").verify(f);
                    assertEquals(null, f.db("db").queryString("SELECT to_regclass('b')"));
                    assertEquals(0, f.db("db").queryLong("SELECT count(*) FROM a"));
                }));
        cases.add(c("failed assertion", 4, "assertion failed.*n=3000", f -> {
            f.mayChange("db");
            f.filled("db");
            return args("migrate", "--db", f.db("db").url(), "--migrations", f.migration("core/001_drop.sql",
                    "-- ferry:capture n: SELECT count(*) FROM tag\nDELETE FROM tag WHERE id <= 10;\n"
                            + "-- ferry:assert SELECT :n = (SELECT count(*) FROM tag)\n"));
        }, f -> {
            history("1:false").verify(f);
            assertEquals(3000, f.db("db").queryLong("SELECT count(*) FROM tag"));
        }));
        cases.add(c("duplicate version", 3, "version 1 is used twice, by core/001_a\\.sql and core/1_b\\.sql", f -> {
            f.migration("core/001_a.sql", "CREATE TABLE a (id int);");
            return args("migrate", "--db", f.db("db").url(), "--migrations", f.migration("core/1_b.sql",
                    "CREATE TABLE b (id int);"));
        }));
        cases.add(c("dependency cycle", 3, "cycle", f -> {
            f.migration("a/001_a.sql", "CREATE TABLE a (id int);");
            f.migration("a/module.properties", "requires=b>=1");
            f.migration("b/001_b.sql", "CREATE TABLE b (id int);");
            return args("migrate", "--db", f.db("db").url(), "--migrations", f.migration("b/module.properties",
                    "requires=a>=1"));
        }));
        cases.add(c("requirement on a missing module", 3, "harvest.*core|core.*harvest", f -> {
            f.migration("harvest/001_a.sql", "CREATE TABLE a (id int);");
            return args("migrate", "--db", f.db("db").url(), "--migrations", f.migration("harvest/module.properties",
                    "requires=core>=86"));
        }));
        cases.add(c("malformed module.properties (unknown key)", 3, "module.properties.*(requiers|unknown)", f -> {
            f.migration("core/001_a.sql", "CREATE TABLE a (id int);");
            return args("migrate", "--db", f.db("db").url(), "--migrations", f.migration("core/module.properties",
                    "requiers=x>=1"));
        }));
        cases.add(c("malformed requirement in module.properties", 3, "module.properties", f -> {
            f.migration("core/001_a.sql", "CREATE TABLE a (id int);");
            return args("migrate", "--db", f.db("db").url(), "--migrations", f.migration("core/module.properties",
                    "requires=other>>3"));
        }));
        cases.add(c("checksum drift (applied file changed)", 3, "001_a\\.sql.*changed|changed.*001_a", f -> {
            TestDatabase d = f.db("db");
            f.migration("core/001_a.sql", "CREATE TABLE a (id int);");
            f.migrate(d);
            f.migration("core/001_a.sql", "CREATE TABLE a (id bigint);");
            return args("migrate", "--db", d.url(), "--migrations", f.migration("core/002_b.sql",
                    "CREATE TABLE b (id int);"));
        }, history("1:true")));
        cases.add(c("validate reports checksum drift", 3, "", f -> {
            TestDatabase d = f.db("db");
            f.migration("core/001_a.sql", "CREATE TABLE a (id int);");
            f.migrate(d);
            return args("validate", "--db", d.url(), "--migrations", f.migration("core/001_a.sql",
                    "CREATE TABLE a (id bigint);"));
        }, history("1:true")));
        cases.add(c("out-of-order file", 3, "out of order.*--out-of-order|--out-of-order", f -> {
            TestDatabase d = f.db("db");
            f.migration("core/002_b.sql", "CREATE TABLE b (id int);");
            f.migrate(d);
            return args("migrate", "--db", d.url(), "--migrations", f.migration("core/001_a.sql",
                    "CREATE TABLE a (id int);"));
        }, history("2:true")));
        cases.add(c("module blocked by a failed migration", 3, "ferry repair", f -> {
            TestDatabase d = f.db("db");
            f.migration("core/001_bad.sql", "SELECT * FROM nowhere;");
            f.setupRun("migrate", "--db", d.url(), "--migrations", f.migrations().toString());
            return args("migrate", "--db", d.url(), "--migrations", f.migration("core/002_b.sql",
                    "CREATE TABLE b (id int);"));
        }, history("1:false")));
        cases.add(c("assertion that cannot be evaluated", 4, "assert", f -> {
            f.mayChange("db");
            return args("migrate", "--db", f.db("db").url(), "--migrations", f.migration("core/001_a.sql",
                    "CREATE TABLE a (id int);\n-- ferry:assert SELECT :undefined_name = 1\n"));
        }, f -> {
            history("1:false").verify(f);
            assertEquals(null, f.db("db").queryString("SELECT to_regclass('a')"));
        }));
        cases.add(c("baseline of a module that has history", 3, "already has history", f -> {
            TestDatabase d = f.db("db");
            f.migration("core/001_a.sql", "CREATE TABLE a (id int);");
            f.migrate(d);
            return args("baseline", "--db", d.url(), "--migrations", f.migrations(), "--module", "core", "--version",
                    "5");
        }, history("1:true")));
        cases.add(c("baseline without a version or CKAN's table", 2, "migrate_version|alembic|--version", f -> args(
                "baseline", "--db", f.db("db").url(), "--migrations", f.migration("core/001_a.sql", "SELECT 1;"),
                "--module", "core")));

        // --- dump files and archives (exit 1: unreadable input; 3: does not match)
        cases.add(c("load: file does not exist", 1, "does not exist", f -> args("load", "--db", f.db("target").url(),
                f.dir.resolve("nothing.ferry"))));
        cases.add(c("load: truncated gzip", 1, "truncated", f -> args("load", "--db", f.db("target").url(),
                truncate(f.pgDump(f.filled("source")), 0.6, f.dir.resolve("cut.sql.gz")))));
        cases.add(c("load: gzip that is not gzip inside", 1, "plain\\.sql\\.gz|gzip|GZIP", f -> {
            Path gz = f.file("plain.sql.gz", "");
            byte[] garbage = new byte[4096];
            new java.util.Random(8).nextBytes(garbage);
            garbage[0] = 0x1f;
            garbage[1] = (byte) 0x8b;
            Files.write(gz, garbage);
            return args("load", "--db", f.db("target").url(), gz);
        }));
        cases.add(c("load: not a dump at all", 1, "random\\.bin", f -> {
            byte[] garbage = new byte[8192];
            new java.util.Random(7).nextBytes(garbage);
            Path file = f.dir.resolve("random.bin");
            Files.write(file, garbage);
            return args("load", "--db", f.db("target").url(), file);
        }));
        cases.add(c("load: plain dump with an SQL error names file:line", 1, "broken\\.sql:2: ERROR", f -> args(
                "load", "--db", f.db("target").url(), f.file("broken.sql",
                        "CREATE TABLE ok (id int);\nCREATE TABLE broken (id int REFERENCES nowhere);\n"))));
        cases.add(c("load: truncated archive", 1, "cut\\.ferry", f -> args("load", "--db", f.db("target").url(),
                truncate(f.dump(f.filled("source")), 0.5, f.dir.resolve("cut.ferry")))));
        cases.add(c("load: corrupt archive chunk", 1, "corrupt\\.ferry.*(corrupt|cannot load)", f -> {
            f.mayChange("target");
            return args("load", "--db", f.db("target").url(), "--jobs", "1",
                    corrupt(f.dump(f.filled("source")), "data/000003.zst", f.dir.resolve("corrupt.ferry")));
        }, RESUMABLE));
        cases.add(c("load: manifest does not match the chunks", 3, "does not match", f -> {
            f.mayChange("target");
            Path archive = f.dump(f.filled("source"));
            byte[] bytes = Files.readAllBytes(archive);
            int manifest = entryStart(bytes, "manifest.json");
            int rows = manifest + indexOf(Arrays.copyOfRange(bytes, manifest, bytes.length),
                    "\"rows\":".getBytes(StandardCharsets.UTF_8)) + 7;
            bytes[rows] = (byte) (bytes[rows] == '9' ? '8' : bytes[rows] + 1);
            Path wrong = f.dir.resolve("wrong-manifest.ferry");
            Files.write(wrong, bytes);
            return args("load", "--db", f.db("target").url(), wrong);
        }, RESUMABLE));
        cases.add(c("load into a target that is not empty", 3, "is not empty", f -> args("load", "--db",
                f.filled("target").url(), f.dump(f.filled("source")))));
        cases.add(c("dump to a folder that does not exist", 1, "cannot write", f -> args("dump", "--db",
                f.filled("source").url(), "-o", f.dir.resolve("no/such/folder/x.ferry")), f -> assertFalse(
                Files.exists(f.dir.resolve("no")))));

        // --- the source is never the target, however it is spelled (exit 6, nothing touched)
        cases.add(c("transfer into itself, same URL, with --clean --yes", 6, "are the same database; nothing was changed",
                f -> args("transfer", "--from", f.filled("source").url(), "--to", f.db("source").url(), "--clean",
                        "--yes")));
        cases.add(c("transfer into itself via 127.0.0.1 instead of localhost, --clean --yes", 6,
                "transfer refused: the source .* are the same database", f -> {
                    TestDatabase d = f.filled("source");
                    return args("transfer", "--from", d.url(), "--to", "postgres://postgres@127.0.0.1:" + d.spec().port()
                            + "/" + d.name(), "--clean", "--yes");
                }));
        cases.add(c("transfer into itself via libpq keywords", 6, "are the same database", f -> {
            TestDatabase d = f.filled("source");
            return args("transfer", "--from", "jdbc:postgresql://127.0.0.1:" + d.spec().port() + "/" + d.name()
                    + "?user=postgres", "--to", "host=localhost port=" + d.spec().port() + " dbname=" + d.name()
                    + " user=postgres", "--clean", "--yes");
        }));
        cases.add(c("plan copying a database into itself (target given as ckan_ini:)", 6,
                "plan p, step copy \\(source -> target\\), refused: .* are the same database", f -> {
                    TestDatabase d = f.filled("source");
                    Path ini = f.file("site/ckan.ini", "[app:main]\nsqlalchemy.url = postgresql://postgres@127.0.0.1:"
                            + d.spec().port() + "/" + d.name() + "\n");
                    Path plan = f.file("plan.yaml", "plan: p\nconnections:\n  source: ${FERRY_UNUSED_S}\n"
                            + "  target: ${FERRY_UNUSED_T}\ntarget: target\nsteps:\n"
                            + "  - {name: copy, kind: transfer, from: source, to: target}\n");
                    return args("run", plan, "--set", "source=" + d.url(), "--set", "target=ckan_ini:" + ini);
                }));

        // --- load says what a file is (exit 1), before connecting
        // --- pg_dump archives that cannot be loaded: one line naming the file (and the entry); nothing loaded when
        // the table of contents is bad, the tables loaded so far recorded for --resume when a data block is
        cases.add(c("load a truncated pg_dump custom-format archive", 1, "cut\\.dump: TABLE DATA public\\.\\w+ "
                + "\\(dump id \\d+\\): its data ends unexpectedly \\(truncated\\?\\)", f -> {
                    byte[] bytes = Files.readAllBytes(f.pgDumpArchive(f.filled("source"), "c"));
                    f.mayChange("target");
                    return args("load", "--db", f.db("target").url(),
                            f.bytes("cut.dump", Arrays.copyOf(bytes, bytes.length - 300)));
                }, BadInputTest::recordedForResume));
        cases.add(c("load a pg_dump archive whose table of contents is cut", 1, "toc\\.dump: the archive ends "
                + "unexpectedly \\(truncated\\?\\) in its table of contents, at entry \\d+ of \\d+", f -> {
                    byte[] bytes = Files.readAllBytes(f.pgDumpArchive(f.filled("source"), "c"));
                    return args("load", "--db", f.db("target").url(), f.bytes("toc.dump", Arrays.copyOf(bytes, 700)));
                }));
        cases.add(c("load a .dump file with the wrong magic", 1, "magic\\.dump is not a pg_dump archive \\(it does not "
                + "start with PGDMP\\)", f -> {
                    byte[] bytes = Files.readAllBytes(f.pgDumpArchive(f.filled("source"), "c"));
                    bytes[3] = 'X';
                    return args("load", "--db", f.db("target").url(), f.bytes("magic.dump", bytes));
                }));
        cases.add(c("load a pg_dump archive of a future version", 1, "future\\.dump: archive version 1\\.99 is newer "
                + "than this Ferry reads \\(up to 1\\.16, written by pg_dump 17\\)", f -> {
                    byte[] bytes = Files.readAllBytes(f.pgDumpArchive(f.filled("source"), "c"));
                    bytes[6] = 99;
                    return args("load", "--db", f.db("target").url(), f.bytes("future.dump", bytes));
                }));
        cases.add(c("load a pg_dump archive with a corrupt data block", 1, "corrupt\\.dump: TABLE DATA public\\.tag "
                + "\\(dump id \\d+\\): its data cannot be read", f -> {
                    Path archive = f.pgDumpArchive(f.filled("source"), "c");
                    io.ferry.pgdump.TocEntry tag = io.ferry.pgdump.PgDumpArchive.open(archive).entries().stream()
                            .filter(e -> e.isTableData() && e.tag().equals("tag")).findFirst().orElseThrow();
                    byte[] bytes = Files.readAllBytes(archive);
                    // Past the block's type, dump id, first chunk length and zlib header: into the compressed rows.
                    for (int i = (int) tag.dataOffset() + 13; i < tag.dataOffset() + 45; i++) {
                        bytes[i] ^= 0x5a;
                    }
                    f.mayChange("target");
                    return args("load", "--db", f.db("target").url(), f.bytes("corrupt.dump", bytes));
                }, BadInputTest::recordedForResume));
        cases.add(c("load a pg_dump directory dump with a data file missing", 1, "archive\\.d: TABLE DATA "
                + "public\\.package \\(dump id \\d+\\): its data cannot be read: .*missing", f -> {
                    Path dir = f.pgDumpArchive(f.filled("source"), "d");
                    io.ferry.pgdump.TocEntry data = io.ferry.pgdump.PgDumpArchive.open(dir).entries().stream()
                            .filter(e -> e.isTableData() && e.tag().equals("package")).findFirst().orElseThrow();
                    Files.delete(dir.resolve(data.fileName() + ".gz"));
                    f.mayChange("target");
                    return args("load", "--db", f.db("target").url(), dir);
                }, BadInputTest::recordedForResume));
        cases.add(c("load a pg_dump archive from standard input", 1, "standard input holds a pg_dump custom-format "
                + "archive \\(pg_dump -Fc\\); Ferry reads those from a file or directory", f -> {
                    Files.copy(f.pgDumpArchive(f.filled("source"), "c"), f.dir.resolve("stdin"));
                    return args("load", "--db", f.db("target").url(), "-");
                }));
        cases.add(c("load a Ferry archive of a newer format", 1, "a Ferry archive of a newer format", f -> args("load",
                "--db", f.db("target").url(), f.bytes("future.ferry", "FERRYDUMP9\nmanifest".getBytes(StandardCharsets.US_ASCII)))));
        cases.add(c("load random binary data", 1, "binary data, not a SQL dump or a Ferry archive", f -> {
            byte[] noise = new byte[8192];
            new java.util.Random(7).nextBytes(noise);
            noise[0] = 'x';
            return args("load", "--db", f.db("target").url(), f.bytes("noise.bin", noise));
        }));
        cases.add(c("load a zip file", 1, "is a zip archive; unpack it first", f -> {
            java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
                z.putNextEntry(new java.util.zip.ZipEntry("dump.sql"));
                z.write("CREATE TABLE a (id int);\n".getBytes(StandardCharsets.UTF_8));
            }
            return args("load", "--db", f.db("target").url(), f.bytes("dump.zip", zip.toByteArray()));
        }));
        cases.add(c("load a bzip2 file", 1, "is bzip2-compressed; decompress it first", f -> args("load", "--db",
                f.db("target").url(), f.bytes("dump.sql.bz2", new byte[] {'B', 'Z', 'h', '9', 0x31, 0x41, 0x59, 0x26}))));
        cases.add(c("load an xz file", 1, "is xz-compressed", f -> args("load", "--db", f.db("target").url(),
                f.bytes("dump.sql.xz", new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 4}))));
        cases.add(c("load a gzipped pg_dump custom-format archive", 1, "archive\\.dump\\.gz is gzip-compressed and holds a "
                + "pg_dump custom-format archive \\(pg_dump -Fc\\); gunzip it first",
                f -> {
                    Path archive = f.pgDumpArchive(f.filled("source"), "c");
                    Path gz = f.dir.resolve("archive.dump.gz");
                    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
                        Files.copy(archive, out);
                    }
                    return args("load", "--db", f.db("target").url(), gz);
                }));
        cases.add(c("load from an empty standard input", 1, "no input on standard input", f -> {
            f.file("stdin", "");
            return args("load", "--db", f.db("target").url(), "-");
        }));
        cases.add(c("load an empty file", 1, "empty\\.sql is empty", f -> args("load", "--db", f.db("target").url(),
                f.file("empty.sql", ""))));
        cases.add(c("load a file that does not exist", 1, "file .*absent\\.sql does not exist", f -> args("load",
                "--db", f.db("target").url(), f.dir.resolve("absent.sql"))));
        cases.add(c("dump over an existing file without --force", 2, "exists; give --force", f -> {
            f.file("kept.ferry", "precious");
            return args("dump", "--db", f.filled("source").url(), "-o", f.dir.resolve("kept.ferry"));
        }, f -> assertEquals("precious", Files.readString(f.dir.resolve("kept.ferry")))));

        // --- transfer
        cases.add(c("transfer into a target that is not empty", 3, "is not empty", f -> args("transfer", "--from",
                f.filled("source").url(), "--to", f.filled("target").url())));
        cases.add(c("transfer from a missing database", 1, "does not exist", f -> args("transfer", "--from",
                f.db("target").url().replaceAll("/[^/]+$", "/gone"), "--to", f.db("target").url())));
        cases.add(c("transfer --resume with nothing to resume", 3, "resume|not empty|nothing", f -> args("transfer",
                "--from", f.filled("source").url(), "--to", f.filled("target").url(), "--resume")));

        // --- diff, verify
        cases.add(c("diff: destructive change refused", 6, "--unsafe", f -> {
            TestDatabase a = f.db("a");
            a.execute("CREATE TABLE keep (id int); CREATE TABLE gone (id int)");
            TestDatabase b = f.db("b");
            b.execute("CREATE TABLE keep (id int)");
            return args("diff", a.url(), b.url());
        }));
        cases.add(c("diff: dump file with an SQL error", 1, "bad\\.sql:1", f -> args("diff",
                f.file("bad.sql", "CREATE TABLE (;\n"), f.file("good.sql", "CREATE TABLE a (id int);\n"))));
        cases.add(c("verify: model differs", 3, "", f -> {
            TestDatabase d = f.db("db");
            d.execute("CREATE TABLE a (id int)");
            return args("verify", "--db", d.url(), "--model", f.file("model.sql", "CREATE TABLE a (id bigint);\n"));
        }));
        cases.add(c("verify: model file missing", 1, "missing\\.sql", f -> args("verify", "--db", f.db("db").url(),
                "--model", f.dir.resolve("missing.sql"))));

        // --- CKAN
        cases.add(c("ckan generate into a database that is not empty", 3, "needs an empty database", f -> args("ckan", "generate",
                "--db", f.filled("db").url(), "--datasets", "10")));
        cases.add(c("ckan sysadmins list on a database without the dgu module", 0, "", f -> args("ckan",
                "sysadmins", "list", "--db", f.filled("db").url())));

        // --- plans: refused before any step runs (nothing on the target, not even Ferry's bookkeeping)
        cases.add(c("plan with an unknown step kind", 3, "step 'index' has unknown kind 'reindx'", f -> args("run",
                plan(f, "  - {name: index, kind: reindx}\n"), "--set", "target=" + f.db("db").url())));
        cases.add(c("plan with a password written in it", 3, "connection 'target' has a password written in the plan",
                f -> args("run", f.file("plan.yaml", "plan: p\nconnections:\n  target: postgres://ckan:Sup3rSecret99"
                        + "@127.0.0.1:1/ckan\nsteps:\n  - {name: report, kind: report}\n"))));
        cases.add(c("plan step naming an undefined connection", 3, "names connection 'legacy'", f -> args("run",
                plan(f, "  - {name: copy, kind: transfer, from: legacy}\n"), "--set", "target=" + f.db("db").url())));
        cases.add(c("plan file missing", 1, "no-such-plan\\.yaml", f -> args("run", f.dir.resolve("no-such-plan.yaml"),
                "--set", "target=" + f.db("db").url())));

        // --- reindex: the database is checked before any Solr starts
        cases.add(c("reindex a database that is not CKAN's", 3, "the database has no CKAN package table",
                f -> {
                    f.db("db").execute("CREATE TABLE orders (id int PRIMARY KEY)");
                    return args("reindex", "--db", f.db("db").url(), "--solr-home", f.dir.resolve("solr"));
                },
                f -> assertFalse(Files.exists(f.dir.resolve("solr")))));
        cases.add(c("reindex a legacy CKAN database not yet migrated", 3, "not at CKAN 2\\.8's schema", f -> {
            bundledSchema(f.db("db"), "legacy");
            return args("reindex", "--db", f.db("db").url(), "--solr-home", f.dir.resolve("solr"));
        }, f -> assertFalse(Files.exists(f.dir.resolve("solr")))));
        cases.add(c("reindex with Solr down", 1, "cannot reach Solr at http://127\\.0\\.0\\.1:1/solr/ckan", f -> {
            bundledSchema(f.db("db"), "ckan-2.8");
            return args("reindex", "--db", f.db("db").url(), "--solr", "http://127.0.0.1:1/solr/ckan");
        }));
        cases.add(c("reindex with both --solr and --solr-home", 2, "either --solr or --solr-home", f -> args("reindex",
                "--db", f.db("db").url(), "--solr", "http://127.0.0.1:1/solr/ckan", "--solr-home", f.dir)));

        // --- hostile identifiers and odd inputs that must work (exit 0), target equal to source
        cases.add(c("hostile identifiers survive transfer", 0, "", f -> {
            f.mayChange("target");
            f.db("source").execute("""
                    CREATE SCHEMA "we""ird; DROP SCHEMA public; --";
                    CREATE TABLE "we""ird; DROP SCHEMA public; --"."Robert'); DROP TABLE package;--" (
                        "id" int PRIMARY KEY, "select" text, "a b\nc" text, "ünï" int);
                    INSERT INTO "we""ird; DROP SCHEMA public; --"."Robert'); DROP TABLE package;--"
                        SELECT g, 'v' || g, E'tab\\there', g FROM generate_series(1, 500) g;
                    CREATE INDEX "i""dx" ON "we""ird; DROP SCHEMA public; --"."Robert'); DROP TABLE package;--" ("select");
                    """);
            return args("transfer", "--from", f.db("source").url(), "--to", f.db("target").url());
        }, f -> assertEquals(Faults.fingerprint(f.db("source")), Faults.fingerprint(f.db("target")))));
        cases.add(c("password with @:/?# typed raw in the URL", 0, "", f -> {
            Faults.passwordRoles();
            f.mayChange("db");
            TestDatabase d = f.db("db");
            return args("migrate", "--db", "postgres://" + Faults.ODD_ROLE + ":" + Faults.ODD_PASSWORD + "@127.0.0.1:"
                    + d.spec().port() + "/" + d.name(), "--migrations", f.migration("core/001_a.sql",
                    "CREATE TABLE a (id int);"));
        }, history("1:true")));
        cases.add(c("password with @:/?# in libpq keywords", 0, "", f -> {
            Faults.passwordRoles();
            TestDatabase d = f.db("db");
            return args("status", "--db", "host=127.0.0.1 port=" + d.spec().port() + " dbname=" + d.name() + " user="
                    + Faults.ODD_ROLE + " password='" + Faults.ODD_PASSWORD + "'", "--migrations",
                    f.migration("core/001_a.sql", "SELECT 1;"));
        }));
        cases.add(c("an empty database transfers", 0, "", f -> {
            f.mayChange("target");
            return args("transfer", "--from", f.db("source").url(), "--to", f.db("target").url());
        }, f -> assertEquals(Faults.fingerprint(f.db("source")), Faults.fingerprint(f.db("target")))));
        cases.add(c("an empty database dumps and loads", 0, "", f -> {
            f.mayChange("target");
            return args("load", "--db", f.db("target").url(), f.dump(f.db("source")));
        }, f -> assertEquals(Faults.fingerprint(f.db("source")), Faults.fingerprint(f.db("target")))));
        cases.add(c("an empty migrations folder", 0, "", f -> {
            f.mayChange("db");
            Files.createDirectories(f.migrations());
            return args("migrate", "--db", f.db("db").url(), "--migrations", f.migrations());
        }, history("")));
        cases.add(c("disk full on the target (tablespace on a 1 MB tmpfs)", 1, "disk full on postgres://postgres@localhost:[0-9]+/[a-z0-9_]+ while copying .*No space left on device.*free space there, then: ferry transfer .* --resume",
                BadInputTest::diskFull, BadInputTest::resumeAfterDiskFull));
        cases.add(c("disk full on the local disk (dump to a 64 kB tmpfs)", 1, "disk full on .*tiny-local while "
                + "dumping .*No space left on device.*; free space there, then run it again", f -> {
                    Path tiny = Files.createDirectories(f.dir.resolve("tiny-local"));
                    Assumptions.assumeTrue(mountTmpfs(tiny, "64k"), "mounting a tmpfs needs root");
                    localMounts.add(tiny);
                    TestDatabase source = f.db("source");
                    source.execute("CREATE TABLE blob (id int PRIMARY KEY, v text);"
                            + "INSERT INTO blob SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 60000) g");
                    return args("dump", "--db", source.url(), "-o", tiny.resolve("x.ferry"));
                }, f -> assertFalse(Files.exists(f.dir.resolve("tiny-local/x.ferry")), "no archive that looks whole")));
        return cases;
    }

    /** A plan file whose only connection is the target, with the given steps. */
    private static Path plan(Fixture f, String steps) throws Exception {
        return f.file("plan.yaml", "plan: p\nconnections:\n  target: ${FERRY_UNUSED}\nsteps:\n" + steps);
    }

    /** One of the CKAN schemas bundled in Ferry's jar (legacy, ckan-2.8), created in the database. */
    private static void bundledSchema(TestDatabase db, String name) throws Exception {
        try (java.io.Reader in = new java.io.InputStreamReader(BadInputTest.class.getClassLoader()
                .getResourceAsStream("ferry/schemas/" + name + ".sql"), StandardCharsets.UTF_8);
                java.sql.Connection c = db.open()) {
            new io.ferry.sql.ScriptRunner(c, name + ".sql").run(in);
        }
    }

    private static Path tinyFs;

    /**
     * The target's tables go to a tablespace on a 1 MB tmpfs, so the server itself gets ENOSPC in
     * the middle of the copy. Needs root (mount); skipped elsewhere.
     */
    private static List<String> diskFull(Fixture f) throws Exception {
        tinyFs = Files.createTempDirectory("ferry-tiny-fs");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", tinyFs.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(20, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root: " + new String(mount.getInputStream()
                .readAllBytes()));
        f.mayChange("target");
        TestDatabase source = f.db("source");
        source.execute("CREATE TABLE blob (id int PRIMARY KEY, v text);"
                + "INSERT INTO blob SELECT g, md5(g::text) || md5((g * 7)::text) FROM generate_series(1, 60000) g");
        TestDatabase target = f.db("target");
        String space = "tiny_" + target.name();
        target.execute("CREATE TABLESPACE " + space + " LOCATION '" + tinyFs + "'");
        target.execute("ALTER DATABASE " + target.name() + " SET default_tablespace = " + space);
        return args("transfer", "--from", source.url(), "--to", target.url(), "--jobs", "1");
    }

    /** With room again (the tmpfs grown), --resume finishes and the target equals the source. */
    private static void resumeAfterDiskFull(Fixture f) throws Exception {
        Process grow = new ProcessBuilder("mount", "-o", "remount,size=64m", tinyFs.toString()).start();
        assertEquals(0, grow.waitFor());
        FerryProcess.Result r = FerryProcess.run(f.dir, "transfer", "--from", f.db("source").url(), "--to",
                f.db("target").url(), "--resume", "--jobs", "1");
        assertEquals(0, r.exitCode(), r.all());
        assertEquals(Faults.fingerprint(f.db("source")), Faults.fingerprint(f.db("target")));
        f.db("target").execute("DROP TABLE blob");
    }

    private static final List<Path> localMounts = new ArrayList<>();

    private static boolean mountTmpfs(Path at, String size) throws Exception {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
                .redirectErrorStream(true).start();
        return mount.waitFor(20, TimeUnit.SECONDS) && mount.exitValue() == 0;
    }

    @AfterAll
    static void unmount() throws Exception {
        for (Path mounted : localMounts) {
            new ProcessBuilder("umount", "-l", mounted.toString()).start().waitFor();
        }
        if (tinyFs != null) {
            new ProcessBuilder("umount", "-l", tinyFs.toString()).start().waitFor();
            Files.deleteIfExists(tinyFs);
        }
    }

    /**
     * Sets every case up, runs all their command lines in one separate JVM ({@link FerryBatch}), then
     * checks each case as its own test.
     */
    @TestFactory
    Stream<DynamicTest> catalogue() throws Exception {
        List<Case> cases = cases();
        String only = System.getProperty("ferry.faults.case");
        List<DynamicTest> tests = new ArrayList<>();
        List<Runnable> checks = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        Map<Case, Object> prepared = new LinkedHashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            if (only != null && !c.name().contains(only)) {
                continue;
            }
            Fixture f = new Fixture(Files.createDirectories(root.resolve("case" + i)));
            try {
                List<String> command = c.setup().prepare(f);
                f.snapshot();
                Files.write(f.dir.resolve("args"), command, StandardCharsets.UTF_8);
                folders.add(f.dir.toString());
                prepared.put(c, f);
            } catch (AssertionError | Exception e) {
                prepared.put(c, e);
            }
        }
        Faults.report("bad-input cases " + prepared.size());
        if (!folders.isEmpty()) {
            ProcessBuilder pb = FerryProcess.builder(root, List.of());
            pb.command().set(pb.command().size() - 1, FerryBatch.class.getName());
            pb.command().addAll(folders);
            pb.redirectErrorStream(true).redirectOutput(root.resolve("batch.log").toFile());
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        }
        for (Map.Entry<Case, Object> e : prepared.entrySet()) {
            Case c = e.getKey();
            Object state = e.getValue();
            tests.add(DynamicTest.dynamicTest(c.name(), () -> {
                if (state instanceof Throwable t) {
                    throw t;
                }
                check(c, (Fixture) state);
            }));
        }
        return tests.stream();
    }

    private static final Pattern STACK = Pattern.compile("\\tat |Exception:");
    private static final List<String> PROGRESS = List.of("transfer", "load", "dump");

    private static void check(Case c, Fixture f) throws Exception {
        Path exitFile = f.dir.resolve("exit");
        assertTrue(Files.exists(exitFile), c.name() + ": the batch did not run it; see batch.log");
        int exit = Integer.parseInt(Files.readString(exitFile).strip());
        String out = Files.readString(f.dir.resolve("out"));
        String err = Files.readString(f.dir.resolve("err"));
        String shown = "ferry " + String.join(" ", Files.readAllLines(f.dir.resolve("args"))) + "\nexit " + exit
                + "\n--- stdout\n" + out + "--- stderr\n" + err;
        assertEquals(c.exit(), exit, shown);
        // Usage errors add picocli's "Try ... --help" (and "Did you mean" for a misspelt command); diff,
        // verify, transfer and load list what differs.
        List<String> lines = err.lines().filter(l -> !l.startsWith("Try '") && !l.startsWith("Did you mean"))
                .toList();
        List<String> errors = lines.stream().filter(l -> l.startsWith("ferry: ")).toList();
        if (exit == 0) {
            assertTrue(errors.isEmpty(), shown);
        } else if (!c.message().isEmpty()) {
            assertEquals(1, errors.size(), "one error line on stderr\n" + shown);
            if (exit != 3 && exit != 6) {
                // Commands that move data report progress on stderr as they go; the error still ends it.
                boolean reportsProgress = PROGRESS.contains(Files.readAllLines(f.dir.resolve("args")).get(0));
                assertEquals(errors.get(0), lines.get(lines.size() - 1), "the error is the last line\n" + shown);
                assertTrue(reportsProgress || lines.size() == 1, "nothing else on stderr\n" + shown);
            }
            String line = errors.get(0);
            assertFalse(STACK.matcher(line).find() || line.contains("internal error"), shown);
            assertTrue(Pattern.compile(c.message()).matcher(line).find(), "expected /" + c.message() + "/\n" + shown);
        }
        f.assertUnchanged();
        c.check().verify(f);
        record(c, exit, errors.isEmpty() ? "" : errors.get(0));
    }

    /** The catalogue's results, for docs/reliability.md and faults/run-all.sh. */
    private static synchronized void record(Case c, int exit, String line) throws Exception {
        Faults.report("| " + c.name() + " | " + exit + " | `" + line.replace("|", "\\|") + "` |");
    }
}
