package io.ferry.diff;

import io.ferry.sql.Identifiers;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a diff must not destroy: for each table of schema A that holds rows and that schema B keeps
 * (same schema and name), its row count and the values of each column B keeps (same name). Measured
 * on A before the diff is applied, as B's column types render them, and again after: a diff that
 * converges by dropping and recreating a table, or a column, shows as a difference.
 */
final class RowSurvival {
    /** A column B keeps, and its type there. */
    private record Kept(String table, String column, String typeInB) {
    }

    private final Map<String, Kept> kept = new TreeMap<>();

    private RowSurvival() {
    }

    /** The columns of A's tables with rows that B keeps. */
    static RowSurvival between(TestDatabase a, TestDatabase b) {
        RowSurvival survival = new RowSurvival();
        Map<String, String> typesInB = columns(b);
        columns(a).keySet().forEach(key -> {
            if (typesInB.containsKey(key)) {
                String[] parts = key.split("\u0000");
                survival.kept.put(key, new Kept(Identifiers.quote(parts[0]) + "." + Identifiers.quote(parts[1]),
                        Identifiers.quote(parts[2]), typesInB.get(key)));
            }
        });
        return survival;
    }

    /** Per kept column: rows, and the sum of the hashes of its values rendered as B's type renders them. */
    Map<String, String> measure(TestDatabase db, boolean castToB) {
        Map<String, String> measured = new LinkedHashMap<>();
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            for (Map.Entry<String, Kept> e : kept.entrySet()) {
                Kept k = e.getValue();
                String value = castToB ? "(" + k.column + ")::text::" + k.typeInB : k.column;
                String sql = "SELECT count(*) || '/' || coalesce(sum(hashtext((" + value + ")::text)), 0) FROM "
                        + k.table;
                try (ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    if (!rs.getString(1).startsWith("0/")) {
                        measured.put(k.table + "." + k.column, rs.getString(1));
                    }
                } catch (SQLException lost) {
                    measured.put(k.table + "." + k.column, "gone: " + lost.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return measured;
    }

    /** Every column of every ordinary table outside the system schemas, keyed schema NUL table NUL column. */
    private static Map<String, String> columns(TestDatabase db) {
        Map<String, String> columns = new TreeMap<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT n.nspname, cl.relname, a.attname, format_type(a.atttypid, a.atttypmod)
                FROM pg_attribute a JOIN pg_class cl ON cl.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE cl.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'""")) {
            while (rs.next()) {
                columns.put(rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3), rs.getString(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return columns;
    }
}
