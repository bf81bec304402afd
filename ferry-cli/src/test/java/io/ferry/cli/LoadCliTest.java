package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Path sql = dir.resolve("dump.sql");
        Process p = new ProcessBuilder("pg_dump", "-x", "-O", "-h", "localhost", "-p", String.valueOf(db.spec().port()),
                "-U", "postgres", "-f", sql.toString(), db.name()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
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
}
