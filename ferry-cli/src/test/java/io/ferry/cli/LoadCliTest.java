package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.pgdump.PgDumpFixture;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry load} on files written by the real pg_dump, as the runbook makes them. */
@ExtendWith(PostgresExtension.class)
class LoadCliTest {
    @TempDir
    Path dir;

    /** {@code pg_dump -x -O DB | gzip > dump.sql.gz}, with pg_dump from the machine (Debian's postgresql-client). */
    private Path dump(TestDatabase db) throws Exception {
        Path sql = PgDumpFixture.dump(db, dir.resolve("dump.sql"), "-x", "-O");
        Path gz = dir.resolve("dump.sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(sql, out);
        }
        return gz;
    }

    @Test
    void loadsAGzippedPgDumpKeepingTagTablesAsStructureOnly(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute("""
                CREATE TABLE package (id text PRIMARY KEY, title text);
                CREATE TABLE tag (id text PRIMARY KEY, name text);
                CREATE TABLE package_tag (package_id text REFERENCES package (id), tag_id text REFERENCES tag (id));
                CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.title := upper(NEW.title);
                    RETURN NEW; END $$;
                CREATE TRIGGER package_stamp BEFORE INSERT ON package FOR EACH ROW EXECUTE FUNCTION stamp();
                INSERT INTO package SELECT 'p' || g, 'Title; with ''quotes'' and \\ backslash ' || g
                    FROM generate_series(1, 2000) g;
                INSERT INTO tag SELECT 't' || g, 'tag ' || g FROM generate_series(1, 50) g;
                INSERT INTO package_tag SELECT 'p' || g, 't' || (1 + g % 50) FROM generate_series(1, 2000) g;
                """);
        Path gz = dump(source);
        assertTrue(Files.readString(dir.resolve("dump.sql")).contains("\\restrict"), "pg_dump 15.14+ writes \\restrict");
        FerryProcess.Result r = FerryProcess.run(dir, "load", "--db", target.url(), gz.toString(),
                "--exclude-table-data", "tag,package_tag");
        assertEquals(0, r.exitCode(), r.all());
        assertEquals(2000, target.queryLong("SELECT count(*) FROM package"));
        assertEquals(0, target.queryLong("SELECT count(*) FROM tag"));
        assertEquals(0, target.queryLong("SELECT count(*) FROM package_tag"));
        assertEquals(source.queryString("SELECT string_agg(title, ',' ORDER BY id) FROM package"),
                target.queryString("SELECT string_agg(title, ',' ORDER BY id) FROM package"));
        assertTrue(r.err().contains("public.tag: structure only"), r.err());
    }

    @Test
    void truncatedDumpLeavesTheTargetEmpty(TestDatabase source, TestDatabase target) throws Exception {
        source.execute("CREATE TABLE big (id int PRIMARY KEY, v text);"
                + "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 50000) g;");
        Path gz = dump(source);
        byte[] bytes = Files.readAllBytes(gz);
        Path truncated = dir.resolve("truncated.sql.gz");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        FerryProcess.Result r = FerryProcess.run(dir, "load", "--db", target.url(), truncated.toString());
        assertEquals(1, r.exitCode(), r.all());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("truncated"), r.err());
        assertEquals(null, target.queryString("SELECT to_regclass('big')"), "nothing half-applied");

        FerryProcess.Result notADump = FerryProcess.run(dir, "load", "--db", target.url(),
                Files.writeString(dir.resolve("x.sql"), "this is not SQL at all").toString());
        assertEquals(1, notADump.exitCode(), notADump.all());
        assertTrue(notADump.err().startsWith("ferry: x.sql:1: ERROR 42601") || notADump.err().contains("x.sql:1"),
                notADump.err());
    }

    @Test
    void loadsAndListsAPgDumpCustomArchive(TestDatabase source, TestDatabase target) throws Exception {
        source.execute("""
                CREATE TABLE package (id text PRIMARY KEY, title text);
                CREATE TABLE tag (id serial PRIMARY KEY, package_id text REFERENCES package (id), name text);
                INSERT INTO package SELECT 'p' || g, CASE WHEN g % 5 = 0 THEN NULL ELSE E'a\\tb\\n' || g END
                    FROM generate_series(1, 500) g;
                INSERT INTO tag (package_id, name) SELECT 'p' || g, 'tag ' || g FROM generate_series(1, 500) g;
                """);
        Path archive = dir.resolve("ckan.dump");
        PgDumpFixture.dump(source, archive, "-Fc");

        FerryProcess.Result list = FerryProcess.run(dir, "load", "--list", archive.toString());
        assertEquals(0, list.exitCode(), list.all());
        assertTrue(list.out().contains("pg_dump custom (-Fc) archive, version 1.14, compression gzip"), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.matches("\\d+ +data +TABLE DATA +public +package +postgres")),
                list.out());

        FerryProcess.Result r = FerryProcess.run(dir, "load", "--db", target.url(), archive.toString(),
                "--exclude-table-data", "tag");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("Loaded 500 rows in 1 table in "), r.out());
        assertTrue(r.out().contains("(fresh); 1 sequence set; data and schema verified"), r.out());
        assertEquals(source.queryString("SELECT md5(string_agg(p::text, '|' ORDER BY id)) FROM package p"),
                target.queryString("SELECT md5(string_agg(p::text, '|' ORDER BY id)) FROM package p"));
        assertEquals(0, target.queryLong("SELECT count(*) FROM tag"));
        assertEquals(1, target.queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"), "post-data built");
    }

    /** The one error line of a failed run (its progress lines before it left out). */
    private static String failure(FerryProcess.Result r) {
        java.util.List<String> lines = r.err().lines().filter(l -> l.startsWith("ferry: ")).toList();
        assertEquals(1, lines.size(), r.err());
        return lines.get(0);
    }

    /** {@code pg_dump -Fc} of the database into {@code name}. */
    private Path customArchive(TestDatabase db, String name) throws Exception {
        return PgDumpFixture.dump(db, dir.resolve(name), "-Fc");
    }

    /**
     * --keep-owners and --keep-grants give a pg_dump archive's objects their owners and grants; roles
     * they need that the target lacks are refused in one line naming them, before anything is written;
     * the options are refused for files whose owners and grants are not the load's to choose.
     */
    @Test
    void keepsAPgDumpArchivesOwnersAndGrantsWhoseRolesMustExist(TestDatabase source, TestDatabase target,
                                                                TestDatabase refused) throws Exception {
        source.execute("""
                DO $$ BEGIN CREATE ROLE load_cli_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                DO $$ BEGIN CREATE ROLE load_cli_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                CREATE TABLE package (id text PRIMARY KEY, title text);
                ALTER TABLE package OWNER TO load_cli_owner;
                GRANT SELECT ON package TO load_cli_reader;
                INSERT INTO package SELECT 'p' || g, 't' || g FROM generate_series(1, 30) g;
                """);
        Path archive = customArchive(source, "kept.dump");
        FerryProcess.Result kept = FerryProcess.run(dir, "load", "--db", target.url(), archive.toString(),
                "--keep-owners", "--keep-grants");
        assertEquals(0, kept.exitCode(), kept.all());
        assertTrue(kept.out().contains("data and schema verified"), kept.out());
        assertEquals("load_cli_owner", target.queryString("SELECT relowner::regrole::text FROM pg_class "
                + "WHERE relname = 'package'"));
        assertEquals("SELECT", target.queryString("SELECT string_agg(privilege_type, ',') "
                + "FROM information_schema.role_table_grants WHERE grantee = 'load_cli_reader'"));

        // Roles the archive names that the target's cluster does not have.
        source.execute("""
                DO $$ BEGIN CREATE ROLE load_cli_gone_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                DO $$ BEGIN CREATE ROLE load_cli_gone_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
                CREATE TABLE audit (id int);
                ALTER TABLE audit OWNER TO load_cli_gone_owner;
                GRANT SELECT ON audit TO load_cli_gone_reader;
                """);
        Path gone = customArchive(source, "gone.dump");
        source.execute("DROP TABLE audit; DROP ROLE load_cli_gone_owner; DROP ROLE load_cli_gone_reader");
        FerryProcess.Result both = FerryProcess.run(dir, "load", "--db", refused.url(), gone.toString(),
                "--keep-owners", "--keep-grants");
        assertEquals(2, both.exitCode(), both.all());
        assertEquals("ferry: --keep-owners and --keep-grants: the archive's roles \"load_cli_gone_owner\", "
                + "\"load_cli_gone_reader\" do not exist on " + refused.url() + "; create them first, or load without "
                + "--keep-owners and --keep-grants (nothing was changed)", failure(both));
        FerryProcess.Result owners = FerryProcess.run(dir, "load", "--db", refused.url(), gone.toString(),
                "--keep-owners");
        assertEquals(2, owners.exitCode(), owners.all());
        assertTrue(failure(owners).startsWith("ferry: --keep-owners: the archive's role \"load_cli_gone_owner\" "
                + "does not exist on "), owners.err());
        assertEquals(0, refused.queryLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"), "nothing written");
        assertEquals(0, refused.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'ferry'"));

        FerryProcess.Result contradiction = FerryProcess.run(dir, "load", "--db", refused.url(), archive.toString(),
                "--keep-grants", "--grant-read", "load_cli_reader");
        assertEquals(2, contradiction.exitCode(), contradiction.all());
        assertEquals("ferry: --keep-grants and --grant-read contradict each other", failure(contradiction));

        Path plain = Files.writeString(dir.resolve("plain.sql"), "CREATE TABLE t (id int);\n");
        FerryProcess.Result onPlain = FerryProcess.run(dir, "load", "--db", refused.url(), plain.toString(),
                "--keep-owners");
        assertEquals(2, onPlain.exitCode(), onPlain.all());
        assertEquals("ferry: --keep-owners and --keep-grants apply to pg_dump archives; " + plain + " is a plain SQL "
                + "dump", onPlain.err().strip());
        Path ferryArchive = dir.resolve("site.ferry");
        assertEquals(0, FerryProcess.run(dir, "dump", "--db", target.url(), "-o", ferryArchive.toString()).exitCode());
        FerryProcess.Result onFerry = FerryProcess.run(dir, "load", "--db", refused.url(), ferryArchive.toString(),
                "--keep-grants");
        assertEquals(2, onFerry.exitCode(), onFerry.all());
        assertTrue(onFerry.err().startsWith("ferry: --keep-owners and --keep-grants apply to pg_dump archives; "),
                onFerry.err());
        assertEquals(null, refused.queryString("SELECT to_regclass('public.t')::text"));
    }

    /** --exclude leaves a table out of a pg_dump archive's load, structure and rows. */
    @Test
    void choosesTheTablesOfAPgDumpArchive(TestDatabase source, TestDatabase target) throws Exception {
        source.execute("""
                CREATE TABLE package (id text PRIMARY KEY, title text);
                CREATE TABLE audit (id int, what text);
                INSERT INTO package SELECT 'p' || g, 't' || g FROM generate_series(1, 50) g;
                INSERT INTO audit SELECT g, 'x' FROM generate_series(1, 50) g;
                """);
        Path archive = dir.resolve("site.dump");
        PgDumpFixture.dump(source, archive, "-Fc");

        FerryProcess.Result r = FerryProcess.run(dir, "load", "--db", target.url(), archive.toString(),
                "--exclude", "audit");
        assertEquals(0, r.exitCode(), r.all());
        assertEquals(null, target.queryString("SELECT to_regclass('public.audit')::text"));
        assertEquals(50, target.queryLong("SELECT count(*) FROM package"));

        Path plain = dir.resolve("plain.sql");
        Files.writeString(plain, "CREATE TABLE t (id int);\n");
        FerryProcess.Result refused = FerryProcess.run(dir, "load", "--db", target.url(), plain.toString(),
                "--include", "t");
        assertEquals(2, refused.exitCode(), refused.all());
        assertTrue(refused.err().contains("--include and --exclude apply to pg_dump archives"), refused.err());
    }
}
