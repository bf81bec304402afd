package io.ferry.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.QualifiedName;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ferry's own fixture pairs, one per ordering pitfall the peers have stumbled on (see each a.sql):
 * diff, apply, and the second diff must be empty.
 */
@ExtendWith(PostgresExtension.class)
class DiffFixturesTest {
    static List<String> cases() {
        return List.of("pk_referenced_by_fks", "type_change_under_view_chain", "drop_column_used_by_fk",
                "sequence_ownership", "enum_value_removal", "hostile_identifiers", "function_in_default_and_check",
                "drop_linked_tables", "recreate_referenced_table", "function_parameter_renamed",
                "partition_key_changed", "index_name_reused", "partition_key_index_attached", "serial_to_identity", "matview_comment",
                "view_row_type_in_function", "composite_type_altered", "sequence_min_raised", "comments", "check_in_varchar",
                "table_settings", "aggregates", "constraint_dependents", "partition_index_with_parent");
    }

    static String fixture(String name, String file) {
        try (InputStream in = DiffFixturesTest.class.getResourceAsStream("/diff-fixtures/" + name + "/" + file)) {
            assertTrue(in != null, "missing fixture " + name + "/" + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture's rows.sql (rows for side a that the change must keep), or nothing. */
    static String rows(String name) {
        try (InputStream in = DiffFixturesTest.class.getResourceAsStream("/diff-fixtures/" + name + "/rows.sql")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applyAndRediff(String name) {
        ApplyAndRediff.Result result = ApplyAndRediff.assertConverges(fixture(name, "a.sql"), rows(name),
                fixture(name, "b.sql"), name, DiffOptions.defaults());
        assertFalse(result.diff().isEmpty(), name);
        assertRowsSurvive(name, result);
    }

    /** The fixtures with keys, indexes, NOT NULL or identities, where a phased diff's order differs. */
    static List<String> phasedCases() {
        return List.of("pk_referenced_by_fks", "drop_column_used_by_fk", "index_name_reused",
                "partition_key_index_attached", "table_settings", "serial_to_identity", "hostile_identifiers",
                "enum_value_removal", "constraint_dependents");
    }

    /** The order ferry new writes (NOT NULL and new constraints after every other create and alter) runs too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("phasedCases")
    void phasedApplyAndRediff(String name) {
        ApplyAndRediff.Result result = ApplyAndRediff.assertConverges(fixture(name, "a.sql"), rows(name),
                fixture(name, "b.sql"), name, DiffOptions.defaults().withPhases(true));
        assertFalse(result.diff().isEmpty(), name);
        assertRowsSurvive(name, result);
    }

    /**
     * Every table the diff does not drop keeps the rows a.sql (and rows.sql) gave it: counted in a
     * second copy of the old database, since the first one has had the diff applied. (RowSurvival, in
     * ApplyAndRediff, compares the values of the tables rows.sql fills; this counts every table.)
     */
    private static void assertRowsSurvive(String name, ApplyAndRediff.Result result) {
        String extra = rows(name);
        Map<String, Long> before = rowCounts(ApplyAndRediff.load(extra.isBlank() ? fixture(name, "a.sql")
                : fixture(name, "a.sql") + "\n;\n" + extra, name + "_rows"));
        Map<String, Long> after = rowCounts(result.a());
        Set<String> dropped = result.diff().changes().stream()
                .filter(c -> c.kind() == Change.Kind.DROP && c.ref().kind() == ObjectKind.TABLE)
                .map(c -> c.ref().key()).collect(Collectors.toSet());
        before.forEach((table, rows) -> {
            if (!dropped.contains(table) && after.containsKey(table)) {
                assertEquals(rows, after.get(table), name + ": rows of " + table + " lost\n" + result.diff().script());
            }
        });
    }

    private static Map<String, Long> rowCounts(TestDatabase db) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = db.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                     + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'")) {
            List<QualifiedName> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(QualifiedName.of(rs.getString(1), rs.getString(2)));
            }
            for (QualifiedName table : tables) {
                try (ResultSet count = st.executeQuery("SELECT count(*) FROM ONLY " + table.sql())) {
                    count.next();
                    counts.put(ObjectRef.key(table), count.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    @Test
    void aNewPartitionKeyRecreatesEveryPartitionAndSaysItLosesRows() {
        Diff diff = ApplyAndRediff.run(fixture("partition_key_changed", "a.sql"), fixture("partition_key_changed", "b.sql"),
                "partition_key", DiffOptions.defaults()).diff();
        List<String> destructive = diff.destructive().stream().map(Change.Statement::sql).toList();
        for (String table : List.of("measure", "measure_2025", "measure_2026")) {
            assertTrue(destructive.contains("DROP TABLE \"public\".\"" + table + "\""), destructive.toString());
        }
    }

    @Test
    void aRenamedParameterDropsTheFunctionBeforeCreatingIt() {
        String script = ApplyAndRediff.run(fixture("function_parameter_renamed", "a.sql"),
                fixture("function_parameter_renamed", "b.sql"), "param_renamed", DiffOptions.defaults()).diff().script();
        int drop = script.indexOf("DROP ROUTINE \"public\".\"twice\"(integer)");
        int create = script.indexOf("CREATE OR REPLACE FUNCTION public.twice(x integer)");
        assertTrue(drop >= 0 && create > drop, script);
    }

    /**
     * A function is keyed by its argument types, as PostgreSQL identifies it: a renamed parameter is
     * one function dropped and made again under the same key, not one removed and another added.
     */
    @Test
    void aRenamedParameterKeepsTheFunctionsKey() {
        Diff diff = ApplyAndRediff.run(fixture("function_parameter_renamed", "a.sql"),
                fixture("function_parameter_renamed", "b.sql"), "param_key", DiffOptions.defaults()).diff();
        Map<String, List<Change.Kind>> functions = new TreeMap<>();
        diff.changes().stream().filter(c -> c.ref().kind() == ObjectKind.FUNCTION)
                .forEach(c -> functions.computeIfAbsent(c.ref().key(), k -> new ArrayList<>()).add(c.kind()));
        assertEquals(Map.of("\"public\".\"plus\"(integer, integer)", List.of(Change.Kind.DROP, Change.Kind.CREATE),
                "\"public\".\"twice\"(integer)", List.of(Change.Kind.DROP, Change.Kind.CREATE)), functions, diff.script());
    }

    /** The next row after a serial became an identity takes the value after the last one, not 1. */
    @Test
    void anIdentityContinuesWhereTheSerialStood() {
        TestDatabase a = ApplyAndRediff.assertConverges(fixture("serial_to_identity", "a.sql"), rows("serial_to_identity"),
                fixture("serial_to_identity", "b.sql"), "identity_continues", DiffOptions.defaults()).a();
        a.execute("INSERT INTO ticket (title) VALUES ('fourth'); INSERT INTO note (body) VALUES ('e')");
        assertEquals(4L, a.queryLong("SELECT id FROM ticket WHERE title = 'fourth'"));
        assertEquals(5L, a.queryLong("SELECT id FROM note WHERE body = 'e'"));
    }

    @Test
    void everyIdentifierIsQuoted() {
        String script = ApplyAndRediff.run(fixture("hostile_identifiers", "a.sql"), fixture("hostile_identifiers", "b.sql"),
                "quoted", DiffOptions.defaults()).diff().script();
        assertTrue(script.contains("\"Evil\"\"Schema\".\"x\"\"; DROP TABLE y; --\""), script);
        assertFalse(script.contains("Evil\"Schema"), "an unquoted name slipped through:\n" + script);
    }
}
