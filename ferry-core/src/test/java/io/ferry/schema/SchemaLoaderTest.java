package io.ferry.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.embedded.EmbeddedServer;
import io.ferry.schema.model.Schema;
import io.ferry.schema.read.SchemaLoader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class SchemaLoaderTest {
    /** Shaped like pg_dump's output: meta lines, SETs, owners of a role the server lacks, COPY data. */
    private static final String DUMP = """
            --
            -- PostgreSQL database dump
            --

            \\restrict 3fPqK0ZtYh1wEJbSrSg8Zr0CNXQmN2

            SET statement_timeout = 0;
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);
            SET check_function_bodies = false;
            SET client_min_messages = warning;
            SET default_table_access_method = heap;

            CREATE FUNCTION public.count_packages() RETURNS bigint
                LANGUAGE sql
                AS $$ SELECT count(*) FROM public.package $$;

            ALTER FUNCTION public.count_packages() OWNER TO "ckan default""owner";

            CREATE TABLE public.package (
                id text NOT NULL,
                name character varying(100) NOT NULL,
                notes text
            );

            ALTER TABLE public.package OWNER TO "ckan default""owner";

            COPY public.package (id, name, notes) FROM stdin;
            1\tfirst\tsemi; colon
            2\tsecond\t\\N
            \\.

            ALTER TABLE ONLY public.package
                ADD CONSTRAINT package_pkey PRIMARY KEY (id);

            GRANT SELECT ON TABLE public.package TO ckan_reader;

            \\unrestrict 3fPqK0ZtYh1wEJbSrSg8Zr0CNXQmN2
            """;

    @Test
    void loadsAPgDumpStyleFileIntoASchema(@TempDir Path dir, TestDatabase db) throws IOException {
        Path plain = dir.resolve("catalog.sql");
        Files.writeString(plain, DUMP);

        Schema schema = SchemaLoader.fromDump(plain, PostgresExtension.server());

        assertNotNull(schema.tables().get("\"public\".\"package\""));
        assertEquals("ckan default\"owner", schema.tables().get("\"public\".\"package\"").owner());
        assertNotNull(schema.constraints().get("\"public\".\"package\".\"package_pkey\""));
        assertEquals(1, schema.functions().size());
        assertTrue(schema.privileges().values().stream().anyMatch(p -> p.grantee().equals("ckan_reader")));
        assertEquals("0", db.queryString("SELECT count(*) FROM pg_database WHERE datname LIKE 'ferry_load_%'"),
                "the throwaway database is dropped");
    }

    @Test
    void gzipAndPlainGiveTheSameSchemaAsTheDatabaseItself(@TempDir Path dir, TestDatabase db) throws IOException {
        Path plain = dir.resolve("catalog.sql");
        Files.writeString(plain, DUMP);
        Path gz = dir.resolve("catalog.sql.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(DUMP.getBytes(StandardCharsets.UTF_8));
        }

        Schema fromPlain = SchemaLoader.fromDump(plain, PostgresExtension.server());
        Schema fromGzip = SchemaLoader.fromDump(gz, PostgresExtension.server());

        assertEquals(fromPlain, fromGzip);
    }

    @Test
    void aFailingStatementNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.sql");
        Files.writeString(file, "CREATE TABLE ok (id integer);\n\nCREATE TABLE broken (id no_such_type);\n");

        FerryException e = assertThrows(FerryException.class,
                () -> SchemaLoader.fromDump(file, PostgresExtension.server()));

        assertEquals(ErrorCode.INPUT, e.code());
        assertTrue(e.getMessage().startsWith("broken.sql:3: "), e.getMessage());
        assertTrue(e.getMessage().contains("no_such_type"), e.getMessage());
    }

    @Test
    void statementsThatRunAloneKeepTheirPlaceBetweenBatches(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("order.sql");
        Files.writeString(file, """
                CREATE TABLE a (id integer);
                DO $$ BEGIN EXECUTE 'CREATE TABLE b (id integer)'; END $$;
                CREATE INDEX b_id ON b (id);
                INSERT INTO a VALUES (1);
                ALTER TABLE a ADD CONSTRAINT a_pkey PRIMARY KEY (id);
                """);

        Schema schema = SchemaLoader.fromDump(file, PostgresExtension.server());

        assertNotNull(schema.indexes().get("\"public\".\"b_id\""));
        assertNotNull(schema.constraints().get("\"public\".\"a\".\"a_pkey\""));
    }

    @Test
    void aBatchThatFailsOnlyAsOneTransactionIsRunStatementByStatement(@TempDir Path dir) throws IOException {
        // A value added to an enum cannot be used in the transaction that adds it: together, these
        // fail; one by one, as psql would run them, they load.
        Path file = dir.resolve("enum.sql");
        Files.writeString(file, """
                CREATE TYPE state AS ENUM ('active');
                ALTER TYPE state ADD VALUE 'deleted';
                CREATE TABLE item (id integer, state state DEFAULT 'deleted');
                """);

        Schema schema = SchemaLoader.fromDump(file, PostgresExtension.server());

        String defaultExpr = schema.tables().get("\"public\".\"item\"").column("state").defaultExpr();
        assertTrue(defaultExpr.startsWith("'deleted'::"), defaultExpr);
    }

    @Test
    void foreignKeysLoadValidWithoutCheckingRowsUnlessTheFileLeavesThemNotValid(@TempDir Path dir) throws IOException {
        // Rows are not what a schema is read for (COPY data is skipped): a row that breaks a foreign
        // key does not stop the load, which adds foreign keys unchecked.
        Path file = dir.resolve("keys.sql");
        Files.writeString(file, """
                CREATE TABLE public.parent (id integer PRIMARY KEY);
                CREATE TABLE public.child (id integer, parent_id integer, other_id integer, third_id integer);
                INSERT INTO public.child VALUES (1, 42, 42, 42);
                ALTER TABLE ONLY public.child
                    ADD CONSTRAINT child_parent_fkey FOREIGN KEY (parent_id) REFERENCES public.parent(id);
                ALTER TABLE ONLY public.child
                    ADD CONSTRAINT child_other_fkey FOREIGN KEY (other_id) REFERENCES public.parent(id) NOT VALID;
                ALTER TABLE ONLY public.child
                    ADD CONSTRAINT child_third_fkey FOREIGN KEY (third_id) REFERENCES public.parent(id)
                    ON DELETE CASCADE;
                CREATE TABLE public.parted (id integer, parent_id integer) PARTITION BY RANGE (id);
                CREATE TABLE public.parted_1 PARTITION OF public.parted FOR VALUES FROM (0) TO (10);
                ALTER TABLE public.parted
                    ADD CONSTRAINT parted_parent_fkey FOREIGN KEY (parent_id) REFERENCES public.parent(id);
                """);

        Schema schema = SchemaLoader.fromDump(file, PostgresExtension.server());

        assertTrue(schema.constraints().get("\"public\".\"child\".\"child_parent_fkey\"").validated());
        assertFalse(schema.constraints().get("\"public\".\"child\".\"child_other_fkey\"").validated());
        assertTrue(schema.constraints().get("\"public\".\"child\".\"child_other_fkey\"").definition()
                .endsWith("NOT VALID"));
        assertTrue(schema.constraints().get("\"public\".\"child\".\"child_third_fkey\"").validated());
        assertEquals("FOREIGN KEY (third_id) REFERENCES public.parent(id) ON DELETE CASCADE",
                schema.constraints().get("\"public\".\"child\".\"child_third_fkey\"").definition());
        assertTrue(schema.constraints().get("\"public\".\"parted\".\"parted_parent_fkey\"").validated());
    }

    @Test
    void aForeignKeyThatCannotBeAddedNamesItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys.sql");
        Files.writeString(file, """
                CREATE TABLE public.parent (id integer PRIMARY KEY);
                CREATE TABLE public.child (id integer, parent_id integer);

                ALTER TABLE ONLY public.child
                    ADD CONSTRAINT child_parent_fkey FOREIGN KEY (no_such_column) REFERENCES public.parent(id);
                CREATE INDEX child_id ON public.child (id);
                """);

        FerryException e = assertThrows(FerryException.class,
                () -> SchemaLoader.fromDump(file, PostgresExtension.server()));

        assertEquals(ErrorCode.INPUT, e.code());
        assertTrue(e.getMessage().startsWith("keys.sql:4: "), e.getMessage());
        assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
    }

    @Test
    void theFileIsReadWhileTheServerStartsAndLoadedOnceItRuns(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("catalog.sql");
        Files.writeString(file, DUMP);
        CompletableFuture<EmbeddedServer> starting = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)
                .execute(() -> starting.complete(PostgresExtension.server()));

        Schema schema = SchemaLoader.fromDump(file, starting);

        assertNotNull(schema.tables().get("\"public\".\"package\""));
    }

    @Test
    void aServerThatDidNotStartIsReportedAsItsOwnFailure(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("catalog.sql");
        Files.writeString(file, DUMP);
        FerryException cause = new FerryException(ErrorCode.INTERNAL, "cannot start embedded PostgreSQL: no room");

        FerryException e = assertThrows(FerryException.class,
                () -> SchemaLoader.fromDump(file, CompletableFuture.failedFuture(cause)));

        assertSame(cause, e);
    }
}

