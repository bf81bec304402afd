package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.test.PostgresVersions;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A small generated legacy CKAN catalog moved between PostgreSQL versions by {@code ferry transfer}:
 * from every source version to 15, and from 15 to every other target version. Each move must verify
 * itself, and then {@code ferry diff} and {@code ferry verify} across the two servers must find
 * nothing, and every table must hold the same rows on both sides (compared here by a checksum of
 * its sorted rows, independently of Ferry's own).
 *
 * <p>By default a representative part of the matrix runs: 9.6 (the oldest, the plain catalog
 * queries), 12 (before the trigger variant of 13) and 14 to 15, and 15 to 12 and 17 (the newest).
 * {@code -Dferry.pg.versions=all} runs every arrow ({@code bench/versions.sh}).
 */
@Tag("slow")
class VersionMatrixTest {
    private static final int DATASETS = 40;

    @TempDir
    Path dir;

    static Stream<String> sources() {
        return PostgresVersions.selected(PostgresVersions.SOURCES, List.of("9.6", "12", "14")).stream()
                .filter(v -> !v.equals("15"));
    }

    static Stream<String> targets() {
        return PostgresVersions.selected(PostgresVersions.TARGETS, List.of("12", "17")).stream()
                .filter(v -> !v.equals("15"));
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "{0} -> 15")
    @MethodSource("sources")
    void fromEachSourceVersionTo15(String version) throws Exception {
        move(version, "15");
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "15 -> {0}")
    @MethodSource("targets")
    void from15ToEachTargetVersion(String version) throws Exception {
        move("15", version);
    }

    private void move(String from, String to) throws Exception {
        TestDatabase source = PostgresVersions.newDatabase(from, "ckan_source");
        CatalogGenerator.generate(source.spec(), new GenerateOptions(DATASETS, 3, HarvestShape.DGU, 1), line -> { });
        TestDatabase target = PostgresVersions.newDatabase(to, "ckan_target");

        // Row checksums on every version: md5-based where a server lacks hashtextextended (before 11).
        FerryProcess.Result transfer = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--verify", "checksums");
        assertEquals(0, transfer.exitCode(), transfer.all());
        assertTrue(transfer.out().contains("data and schema verified"), transfer.out());

        FerryProcess.Result diff = FerryProcess.run(dir, "diff", source.url(), target.url());
        assertEquals(0, diff.exitCode(), diff.all());
        FerryProcess.Result verify = FerryProcess.run(dir, "verify", "--db", target.url(), "--model", source.url());
        assertEquals(0, verify.exitCode(), verify.all());

        List<String> tables = tables(source);
        assertTrue(tables.size() > 30, "the legacy catalog's tables: " + tables);
        for (String table : tables) {
            assertEquals(rows(source, table), rows(target, table), table);
        }
    }

    /** By default the oldest source (md5 checksums); every one with {@code -Dferry.pg.versions=all}. */
    static Stream<String> dumpSources() {
        return PostgresVersions.selected(PostgresVersions.SOURCES, List.of("9.6")).stream()
                .filter(v -> !v.equals("15"));
    }

    /**
     * {@code ferry dump} on an old server and {@code ferry load} of its archive into 15: the load
     * checks every chunk against the manifest's counts and checksums, and the rows and the schema
     * must then be the same on both servers.
     */
    @ParameterizedTest(allowZeroInvocations = true, name = "dump {0}, load 15")
    @MethodSource("dumpSources")
    void dumpOnEachSourceVersionAndLoadInto15(String version) throws Exception {
        TestDatabase source = PostgresVersions.newDatabase(version, "dump_source");
        CatalogGenerator.generate(source.spec(), new GenerateOptions(DATASETS, 3, HarvestShape.DGU, 1), line -> { });
        TestDatabase target = PostgresVersions.newDatabase("15", "load_target");
        Path archive = dir.resolve("ckan-" + version + ".ferry");

        FerryProcess.Result dumped = FerryProcess.run(dir, "dump", "--db", source.url(), "-o", archive.toString());
        assertEquals(0, dumped.exitCode(), dumped.all());
        FerryProcess.Result loaded = FerryProcess.run(dir, "load", "--db", target.url(), archive.toString());
        assertEquals(0, loaded.exitCode(), loaded.all());
        assertTrue(loaded.out().contains("data and schema verified"), loaded.all());
        assertTrue(!loaded.all().contains("has no checksums"), loaded.all());

        FerryProcess.Result verify = FerryProcess.run(dir, "verify", "--db", target.url(), "--model", source.url());
        assertEquals(0, verify.exitCode(), verify.all());
        for (String table : tables(source)) {
            assertEquals(rows(source, table), rows(target, table), table);
        }
    }

    @org.junit.jupiter.api.Test
    void tablesWithOidsMoveOnlyWithDropOids() throws Exception {
        TestDatabase source = PostgresVersions.newDatabase("9.6", "oids_source");
        source.execute("CREATE TABLE legacy (id int PRIMARY KEY, name text) WITH OIDS;"
                + "INSERT INTO legacy SELECT g, 'row ' || g FROM generate_series(1, 500) g;"
                + "CREATE TABLE plain (id int PRIMARY KEY)");
        TestDatabase target = PostgresVersions.newDatabase("15", "oids_target");

        FerryProcess.Result refused = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--verify", "counts");
        assertEquals(6, refused.exitCode(), refused.all());
        assertEquals(List.of("ferry: tables WITH OIDS cannot move to PostgreSQL 15 (12 dropped the oid column): "
                + "public.legacy; --drop-oids moves them without it"), errors(refused), refused.err());
        assertEquals(0L, target.queryLong("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"));

        FerryProcess.Result moved = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--verify", "counts", "--drop-oids");
        assertEquals(0, moved.exitCode(), moved.all());
        assertTrue(moved.err().contains("moved without their oid column (--drop-oids): public.legacy"), moved.err());
        assertEquals(rows(source, "public.legacy"), rows(target, "public.legacy"));
        FerryProcess.Result verify = FerryProcess.run(dir, "verify", "--db", target.url(), "--model", source.url());
        assertEquals(0, verify.exitCode(), verify.all());
    }

    /**
     * data.gov.uk's whole plan from the oldest source to the newest target: a 9.6 legacy catalog
     * copied to 17 (verified by checksums, md5-based since 9.6 has no hashtextextended), converted, upgraded to CKAN 2.8,
     * checked against CKAN 2.8's schema, indexed and reported.
     */
    @org.junit.jupiter.api.Test
    void theDguPlanFrom96To17() throws Exception {
        TestDatabase source = PostgresVersions.newDatabase("9.6", "dgu_source");
        CatalogGenerator.generate(source.spec(), new GenerateOptions(DATASETS, 5, HarvestShape.DGU, 1), line -> { });
        TestDatabase target = PostgresVersions.newDatabase("17", "dgu_target");
        FerryProcess.Result run = FerryProcess.run(dir, "run", RunPlanCliTest.DGU.toString(), "--set", "source=" + source.url(),
                "--set", "target=" + target.url(), "--report-dir", dir.resolve("report").toString());
        assertEquals(0, run.exitCode(), run.all());
        assertEquals(8, target.queryLong("SELECT count(*) FROM ferry.plan_step WHERE plan = 'dgu' AND status = 'finished'"));
        assertEquals("4a5e3465beb6", target.queryString("SELECT version_num FROM alembic_version"));
        long activeSources = target.queryLong("SELECT count(*) FROM harvest_source WHERE active");
        assertEquals(source.queryLong("SELECT count(*) FROM package") + activeSources,
                target.queryLong("SELECT count(*) FROM package"));
        FerryProcess.Result verify = FerryProcess.run(dir, "verify", "--db", target.url(), "--model", "builtin:ckan-2.11");
        assertEquals(0, verify.exitCode(), verify.all());
    }

    /**
     * Binary COPY cannot carry every column across versions: ltree has no binary form before 13, and
     * an array of an enum holds the enum's OID, which the target gives another value. Those tables go
     * as text, and the transfer says so; the others stay binary.
     */
    @org.junit.jupiter.api.Test
    void tablesBinaryCopyCannotCarryGoAsText() throws Exception {
        TestDatabase source = PostgresVersions.newDatabase("12", "text_source");
        source.execute("CREATE EXTENSION ltree; CREATE TYPE mood AS ENUM ('sad', 'happy');"
                + "CREATE TABLE paths (id int PRIMARY KEY, path ltree);"
                + "CREATE TABLE moods (id int PRIMARY KEY, moods mood[]);"
                + "CREATE TABLE plain (id int PRIMARY KEY, mood mood);"
                + "INSERT INTO paths SELECT g, ('top.n' || g)::ltree FROM generate_series(1, 100) g;"
                + "INSERT INTO moods SELECT g, ARRAY['sad', 'happy']::mood[] FROM generate_series(1, 100) g;"
                + "INSERT INTO plain SELECT g, 'happy' FROM generate_series(1, 100) g");
        TestDatabase target = PostgresVersions.newDatabase("15", "text_target");

        FerryProcess.Result moved = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url());
        assertEquals(0, moved.exitCode(), moved.all());
        assertTrue(moved.err().contains("copied as text, their binary form differs between the two servers: "
                + "\"public\".\"moods\", \"public\".\"paths\"\n"), moved.err());
        for (String table : List.of("public.paths", "public.moods", "public.plain")) {
            assertEquals(rows(source, table), rows(target, table), table);
        }
    }

    /** The lines Ferry printed as errors. */
    private static List<String> errors(FerryProcess.Result r) {
        return r.err().lines().filter(l -> l.startsWith("ferry:")).toList();
    }

    private static List<String> tables(TestDatabase db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' "
                     + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /**
     * The count and an md5 of the table's rows as text, sorted, rendered alike on every version
     * (PostgreSQL 12 changed how floats print unless extra_float_digits is 0 or less).
     */
    private static String rows(TestDatabase db, String table) throws SQLException {
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            st.execute("SET extra_float_digits = 0");
            st.execute("SET DateStyle = 'ISO, MDY'");
            st.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = st.executeQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t, '|' ORDER BY t)), '') "
                    + "FROM (SELECT r::text AS t FROM " + table + " r) s")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
