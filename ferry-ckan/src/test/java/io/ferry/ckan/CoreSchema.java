package io.ferry.ckan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The CKAN core part of a database's schema, read from the catalogs, as a sorted map of lines
 * ({@code "column package.name"} → {@code "character varying(100) NOT NULL"}) that two databases can
 * be compared by, with a readable list of the differences.
 *
 * <p>Covered: tables of the current schema and their columns (type, NOT NULL, default), the column
 * order (dropped columns do not count), constraints ({@code pg_get_constraintdef}), indexes
 * ({@code pg_get_indexdef}) and the sequences owned by those tables. Left out: tables that are not
 * CKAN core (harvest, Ferry's history) or that data.gov.uk added and its own module deals with, and
 * every row of data.
 */
final class CoreSchema {
    /** Not CKAN core: the harvest extension's tables, data.gov.uk's additions, Ferry's history. */
    static final Predicate<String> NOT_CORE = table -> table.startsWith("harvest_")
            || Set.of("data_cache", "related", "related_dataset", "ferry_schema_history").contains(table);

    /**
     * Indexes data.gov.uk's migration 058 created without a name on core tables (PostgreSQL named
     * them); they duplicate CKAN's own indexes and are data.gov.uk's business, not the core's.
     */
    static final Set<String> NOT_CORE_INDEXES = Set.of("activity_detail_activity_id_idx", "activity_user_id_idx");

    private final Map<String, String> lines;

    private CoreSchema(Map<String, String> lines) {
        this.lines = lines;
    }

    Map<String, String> lines() {
        return lines;
    }

    static CoreSchema read(Connection c) throws SQLException {
        Map<String, String> lines = new TreeMap<>();
        Set<String> tables = new TreeSet<>();
        for (List<String> row : query(c, """
                SELECT c.relname FROM pg_class c
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')""")) {
            if (!NOT_CORE.test(row.get(0))) {
                tables.add(row.get(0));
            }
        }
        for (String table : tables) {
            lines.put("table " + table, "exists");
        }
        Map<String, List<String>> order = new TreeMap<>();
        for (List<String> row : query(c, """
                SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid)
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                  AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY c.relname, a.attnum""")) {
            String table = row.get(0);
            if (!tables.contains(table)) {
                continue;
            }
            order.computeIfAbsent(table, t -> new ArrayList<>()).add(row.get(1));
            String description = row.get(2) + ("t".equals(row.get(3)) ? " NOT NULL" : "")
                    + (row.get(4) == null ? "" : " DEFAULT " + row.get(4));
            lines.put("column " + table + "." + row.get(1), description);
        }
        order.forEach((table, columns) -> lines.put("column order " + table, String.join(", ", columns)));
        for (List<String> row : query(c, """
                SELECT c.relname, k.conname, pg_get_constraintdef(k.oid)
                FROM pg_constraint k
                JOIN pg_class c ON c.oid = k.conrelid
                WHERE c.relnamespace = current_schema()::regnamespace""")) {
            if (tables.contains(row.get(0))) {
                lines.put("constraint " + row.get(0) + "." + row.get(1), row.get(2));
            }
        }
        for (List<String> row : query(c, """
                SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid)
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                WHERE t.relnamespace = current_schema()::regnamespace""")) {
            if (tables.contains(row.get(0)) && !NOT_CORE_INDEXES.contains(row.get(1))) {
                lines.put("index " + row.get(0) + "." + row.get(1), row.get(2).replaceAll("\\s+", " "));
            }
        }
        for (List<String> row : query(c, """
                SELECT s.relname, format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin, q.seqmax,
                       q.seqcache, q.seqcycle, t.relname, a.attname
                FROM pg_sequence q
                JOIN pg_class s ON s.oid = q.seqrelid
                LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
                     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                LEFT JOIN pg_class t ON t.oid = d.refobjid
                LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                WHERE s.relnamespace = current_schema()::regnamespace""")) {
            String owner = row.get(8);
            if (owner == null || tables.contains(owner)) {
                lines.put("sequence " + row.get(0), row.get(1) + " start " + row.get(2) + " increment " + row.get(3)
                        + " min " + row.get(4) + " max " + row.get(5) + " cache " + row.get(6)
                        + ("t".equals(row.get(7)) ? " cycle" : "")
                        + (owner == null ? "" : " owned by " + owner + "." + row.get(9)));
            }
        }
        return new CoreSchema(lines);
    }

    /** Empty when equal; otherwise one line per difference, {@code -} for this side, {@code +} for the other. */
    List<String> differences(CoreSchema other, String thisName, String otherName) {
        Set<String> keys = new TreeSet<>(lines.keySet());
        keys.addAll(other.lines.keySet());
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            String mine = lines.get(key);
            String theirs = other.lines.get(key);
            if (mine == null) {
                out.add(key + ": only in " + otherName + ": " + theirs);
            } else if (theirs == null) {
                out.add(key + ": only in " + thisName + ": " + mine);
            } else if (!mine.equals(theirs)) {
                out.add(key + ":\n    " + thisName + ": " + mine + "\n    " + otherName + ": " + theirs);
            }
        }
        return out;
    }

    private static List<List<String>> query(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
