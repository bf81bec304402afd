package io.ferry.pgdump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small schema of every kind a CKAN database has, and archives of it written by the machine's pg_dump. */
public final class PgDumpFixture {
    static final List<String> TABLES = List.of("public.package", "public.tag", "public.package_tag", "public.blob");

    private PgDumpFixture() {
    }

    static void create(TestDatabase db) {
        db.execute("""
                CREATE SEQUENCE ticket START 40;
                CREATE TABLE package (id text PRIMARY KEY, title text, notes text, n int DEFAULT nextval('ticket'));
                CREATE TABLE tag (id serial PRIMARY KEY, name text UNIQUE NOT NULL);
                CREATE TABLE package_tag (package_id text REFERENCES package (id), tag_id int REFERENCES tag (id));
                CREATE INDEX package_tag_tag ON package_tag (tag_id);
                CREATE TABLE blob (id int PRIMARY KEY, data bytea);
                CREATE VIEW titled AS SELECT id, upper(title) AS title FROM package WHERE title IS NOT NULL;
                CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) || '!' $$;
                INSERT INTO package (id, title, notes) SELECT 'p' || g,
                    CASE WHEN g % 7 = 0 THEN NULL ELSE 'Title ' || g END,
                    E'tab\\there\\nnew line; back\\\\slash ' || g FROM generate_series(1, 300) g;
                INSERT INTO tag (name) SELECT 'tag ' || g FROM generate_series(1, 20) g;
                INSERT INTO package_tag SELECT 'p' || g, 1 + g % 20 FROM generate_series(1, 300) g;
                INSERT INTO blob VALUES (1, '\\x00ff0a09'::bytea), (2, NULL), (3, ''::bytea);
                """);
    }

    /** Skips the calling test when this machine has no {@code pg_dump} (Debian's postgresql-client). */
    public static void requirePgDump() {
        boolean present;
        try {
            present = new ProcessBuilder("pg_dump", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "pg_dump is not installed");
    }

    /**
     * Runs {@code pg_dump} on the database with the given options (a format, {@code -x -O}, ...) into
     * {@code out}; fails the test with pg_dump's output if it fails. Returns {@code out}.
     */
    public static Path dump(TestDatabase db, Path out, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("pg_dump", "-h", "localhost", "-p",
                String.valueOf(db.spec().port()), "-U", db.spec().user(), "-f", out.toString()));
        command.addAll(List.of(options));
        command.add(db.name());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        return out;
    }

    /** Per table, a checksum of its rows' text. */
    static List<String> checksums(TestDatabase db) {
        List<String> sums = new ArrayList<>();
        for (String table : TABLES) {
            sums.add(table + " " + db.queryString("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' "
                    + "ORDER BY t::text)), '') FROM " + table + " t"));
        }
        return sums;
    }
}
