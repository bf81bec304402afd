package io.ferry.ckan.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which tables and columns the catalog has (in the current schema): a CKAN database can be at any
 * version from 2.2 to 2.11, and a rule only asks about what is there.
 */
public final class Shape {
    private final Map<String, Set<String>> columns;

    Shape(Map<String, Set<String>> columns) {
        this.columns = Map.copyOf(columns);
    }

    static Shape read(Connection c) throws SQLException {
        Map<String, Set<String>> columns = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema()""")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), t -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return new Shape(columns);
    }

    public boolean has(String table) {
        return columns.containsKey(table);
    }

    /** Whether the table has every one of the columns. */
    public boolean has(String table, String... names) {
        Set<String> present = columns.get(table);
        if (present == null) {
            return false;
        }
        for (String name : names) {
            if (!present.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
