package io.ferry.sql;

import static io.ferry.sql.ScriptItems.meta;
import static io.ferry.sql.ScriptItems.read;
import static io.ferry.sql.ScriptItems.readTrickling;
import static io.ferry.sql.ScriptItems.stmt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sql.ScriptItems.Data;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A whole script in the shape plain pg_dump writes, read item by item. */
class PgDumpScriptTest {
    private static final String FUNCTION = """
            CREATE FUNCTION public.touch_updated() RETURNS trigger
                LANGUAGE plpgsql
                AS $_$
            BEGIN
              NEW.updated := now();  -- a semicolon; in a comment
              RAISE NOTICE 'it''s $1; %', $1;
              IF NEW.name ~ '^\\$' THEN
                RETURN NULL;
              END IF;
              RETURN NEW;
            END;
            $_$""";

    private static final String ATOMIC = """
            CREATE FUNCTION public.add(a integer, b integer) RETURNS integer
                LANGUAGE sql IMMUTABLE
                BEGIN ATOMIC
             SELECT (a + b);
            END""";

    private static final String TABLE = """
            CREATE TABLE public.package (
                id text NOT NULL,
                name character varying(100) NOT NULL,
                "desc;ription" text DEFAULT 'a;b'::text,
                state text DEFAULT E'act\\'ive'::text
            )""";

    private static final String RULE = """
            CREATE RULE package_log AS
                ON UPDATE TO public.package DO ( INSERT INTO public.package_log (id)
              VALUES (new.id);
             NOTIFY package_changed;
            )""";

    private static final String DATA = """
            1\talpha\tsemi; colon\tactive
            2\tit's\t$$ dollar $_$ \\\\ back\\tslash\t\\N
            3\tgamma\t-- not a comment\t/* nor this
            4\tdonn\u00e9es\tCOPY x FROM stdin;\tBEGIN ATOMIC
            """;

    private static final String DUMP = """
            --
            -- PostgreSQL database dump
            --

            \\restrict 9sW2fLqXzH3kJ7pT1mV8cR5bN0dY4gA6

            -- Dumped from database version 17.6
            -- Dumped by pg_dump version 17.6

            SET statement_timeout = 0;
            SET lock_timeout = 0;
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);
            SET check_function_bodies = false;

            --
            -- Name: touch_updated(); Type: FUNCTION; Schema: public; Owner: ckan
            --

            %s;


            ALTER FUNCTION public.touch_updated() OWNER TO ckan;

            --
            -- Name: add(integer, integer); Type: FUNCTION; Schema: public; Owner: ckan
            --

            %s;

            SET default_tablespace = '';

            %s;


            ALTER TABLE public.package OWNER TO ckan;

            %s;

            --
            -- Data for Name: package; Type: TABLE DATA; Schema: public; Owner: ckan
            --

            COPY public.package (id, name, "desc;ription", state) FROM stdin;
            %s\\.


            --
            -- Name: package package_pkey; Type: CONSTRAINT; Schema: public; Owner: ckan
            --

            ALTER TABLE ONLY public.package
                ADD CONSTRAINT package_pkey PRIMARY KEY (id);

            CREATE INDEX idx_package_name ON public.package USING btree (name);

            --
            -- PostgreSQL database dump complete
            --

            \\unrestrict 9sW2fLqXzH3kJ7pT1mV8cR5bN0dY4gA6

            """.formatted(FUNCTION, ATOMIC, TABLE, RULE, DATA);

    @Test
    void readsEveryItemInOrderWithItsLine() {
        List<Object> expected = List.of(
                meta("restrict", "9sW2fLqXzH3kJ7pT1mV8cR5bN0dY4gA6", 5),
                stmt("SET statement_timeout = 0", 10),
                stmt("SET lock_timeout = 0", 11),
                stmt("SET client_encoding = 'UTF8'", 12),
                stmt("SET standard_conforming_strings = on", 13),
                stmt("SELECT pg_catalog.set_config('search_path', '', false)", 14),
                stmt("SET check_function_bodies = false", 15),
                stmt(FUNCTION, 21),
                stmt("ALTER FUNCTION public.touch_updated() OWNER TO ckan", 35),
                stmt(ATOMIC, 41),
                stmt("SET default_tablespace = ''", 47),
                stmt(TABLE, 49),
                stmt("ALTER TABLE public.package OWNER TO ckan", 57),
                stmt(RULE, 59),
                stmt("COPY public.package (id, name, \"desc;ription\", state) FROM stdin", 69),
                new Data(DATA, 70),
                stmt("ALTER TABLE ONLY public.package\n    ADD CONSTRAINT package_pkey PRIMARY KEY (id)", 81),
                stmt("CREATE INDEX idx_package_name ON public.package USING btree (name)", 84),
                meta("unrestrict", "9sW2fLqXzH3kJ7pT1mV8cR5bN0dY4gA6", 90));
        assertEquals(expected, read(DUMP));
    }

    @Test
    void everyLineNumberPointsAtTheItemsFirstLine() {
        String[] lines = DUMP.split("\n", -1);
        for (Object item : read(DUMP)) {
            if (item instanceof SqlStatement statement) {
                String first = statement.sql().split("\n", 2)[0];
                assertTrue(lines[statement.line() - 1].strip().startsWith(first), statement.toString());
            } else if (item instanceof MetaCommand command) {
                assertTrue(lines[command.line() - 1].startsWith("\\" + command.name()), command.toString());
            } else if (item instanceof Data data) {
                assertEquals(data.text().split("\n", 2)[0], lines[data.line() - 1]);
            }
        }
    }

    @Test
    void sameItemsWithCrLfLineEnds() {
        String crLf = DUMP.replace("\n", "\r\n");
        List<Object> items = read(crLf);
        assertEquals(read(DUMP).stream().map(PgDumpScriptTest::lineOf).toList(),
                items.stream().map(PgDumpScriptTest::lineOf).toList());
        assertEquals(new Data(DATA.replace("\n", "\r\n"), 70), items.get(15));
    }

    @Test
    void sameItemsWhenTheInputTrickles() {
        assertEquals(read(DUMP), readTrickling(DUMP));
    }

    private static int lineOf(Object item) {
        if (item instanceof SqlStatement statement) {
            return statement.line();
        }
        if (item instanceof MetaCommand command) {
            return command.line();
        }
        return ((Data) item).line();
    }
}
