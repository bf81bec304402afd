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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A small generated legacy CKAN catalog moved between PostgreSQL versions by {@code ferry transfer}:
 * from every source version to 15, and from 15 to every other target version. Each move must verify
 * itself, and then {@code ferry diff} and {@code ferry verify} across the two servers must find
 * nothing, and every table must hold the same rows on both sides (compared here by a checksum of
 * its sorted rows, independently of Ferry's own).
 */
class VersionMatrixTest {
    private static final int DATASETS = 40;

    @TempDir
    Path dir;

    static Stream<String> sources() {
        return PostgresVersions.SOURCES.stream().filter(v -> !v.equals("15"));
    }

    static Stream<String> targets() {
        return PostgresVersions.TARGETS.stream().filter(v -> !v.equals("15"));
    }

    @ParameterizedTest(name = "{0} -> 15")
    @MethodSource("sources")
    void fromEachSourceVersionTo15(String version) throws Exception {
        move(version, "15");
    }

    @ParameterizedTest(name = "15 -> {0}")
    @MethodSource("targets")
    void from15ToEachTargetVersion(String version) throws Exception {
        move("15", version);
    }

    private void move(String from, String to) throws Exception {
        TestDatabase source = PostgresVersions.newDatabase(from, "ckan_source");
        CatalogGenerator.generate(source.spec(), new GenerateOptions(DATASETS, 3, HarvestShape.DGU, 1), line -> { });
        TestDatabase target = PostgresVersions.newDatabase(to, "ckan_target");

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
