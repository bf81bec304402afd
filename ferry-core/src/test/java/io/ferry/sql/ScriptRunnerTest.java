package io.ferry.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class ScriptRunnerTest {
    private static final String DUMP = """
            --
            -- PostgreSQL database dump
            --
            \\restrict AbC123

            SET statement_timeout = 0;
            SET check_function_bodies = false;
            SELECT pg_catalog.set_config('search_path', '', false);

            CREATE TABLE public.package (
                id text NOT NULL,
                name character varying(100) NOT NULL,
                notes text
            );

            CREATE FUNCTION public.slug(t text) RETURNS text
                LANGUAGE sql IMMUTABLE
                AS $_$ SELECT lower(regexp_replace($1, '[^a-zA-Z0-9]+', '-', 'g')); $_$;

            COPY public.package (id, name, notes) FROM stdin;
            p1\tfirst\tline one;\\nline two with 'quotes' and $$
            p2\tsecond\t\\N
            \\.

            ALTER TABLE ONLY public.package
                ADD CONSTRAINT package_pkey PRIMARY KEY (id);

            \\unrestrict AbC123
            """;

    @TempDir
    Path dir;

    @Test
    void runsAPgDumpScriptWithCopyDataAndMetaLines(TestDatabase db) throws Exception {
        try (Connection c = db.open()) {
            long n = new ScriptRunner(c, "dump.sql").run(new StringReader(DUMP));
            assertEquals(7, n);
        }
        assertEquals(2, db.queryLong("SELECT count(*) FROM package"));
        assertEquals("line one;\nline two with 'quotes' and $$", db.queryString("SELECT notes FROM package WHERE id = 'p1'"));
        assertEquals("hello-world", db.queryString("SELECT public.slug('Hello World')"));
    }

    @Test
    void readsGzipAndReportsTruncation(TestDatabase db) throws Exception {
        Path gz = dir.resolve("dump.sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(DUMP.getBytes(StandardCharsets.UTF_8));
        }
        try (Connection c = db.open()) {
            new ScriptRunner(c, "dump.sql.gz").run(ScriptRunner.open(gz));
        }
        assertEquals(2, db.queryLong("SELECT count(*) FROM package"));

        byte[] bytes = Files.readAllBytes(gz);
        Path truncated = dir.resolve("truncated.sql.gz");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        TestDatabase other = PostgresExtension.newDatabase("truncated");
        try (Connection c = other.open()) {
            FerryException e = assertThrows(FerryException.class,
                    () -> new ScriptRunner(c, "truncated.sql.gz").run(ScriptRunner.open(truncated)));
            assertEquals(ErrorCode.INPUT, e.code());
            assertTrue(e.getMessage().contains("truncated.sql.gz"), e.getMessage());
        }
    }

    @Test
    void failingStatementNamesFileAndLine(TestDatabase db) throws Exception {
        try (Connection c = db.open()) {
            FerryException e = assertThrows(FerryException.class, () -> new ScriptRunner(c, "x.sql")
                    .run(new StringReader("CREATE TABLE a (id int);\n\nINSERT INTO a\n VALUES ('nope');\n")));
            assertEquals("x.sql:4: ERROR 22P02: invalid input syntax for type integer: \"nope\"", e.getMessage());
            FerryException other = assertThrows(FerryException.class, () -> new ScriptRunner(c, "y.sql")
                    .run(new StringReader("\\connect otherdb\n")));
            assertTrue(other.getMessage().contains("switches to database otherdb"), other.getMessage());
        }
    }
}
