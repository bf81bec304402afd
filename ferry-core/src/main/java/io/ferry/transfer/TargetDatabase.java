package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What a transfer needs to know about, and do to, the target before it starts. */
final class TargetDatabase {
    /** Schemas that belong to PostgreSQL itself. */
    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
            + "AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'";

    private TargetDatabase() {
    }

    /**
     * Up to five objects that make the target non-empty: any table, view, sequence or type outside the
     * system schemas (an empty {@code public} schema is empty), Ferry's own state aside.
     */
    static List<String> contents(Connection c) throws SQLException {
        String sql = "SELECT format('%s %I.%I', CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' "
                + "WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' "
                + "WHEN 'f' THEN 'foreign table' END, n.nspname, c.relname) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                + "AND n.nspname <> 'ferry' AND " + USER_SCHEMAS
                + " UNION ALL SELECT format('type %I.%I', n.nspname, t.typname) FROM pg_type t "
                + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'r', 'm') "
                + "AND n.nspname <> 'ferry' AND " + USER_SCHEMAS
                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') LIMIT 5";
        List<String> found = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    /** Refuses a target that has anything in it. */
    static void requireEmpty(Connection c, String display) throws SQLException {
        List<String> found = contents(c);
        if (!found.isEmpty()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "target " + display + " is not empty (it has "
                    + String.join(", ", found) + (found.size() == 5 ? ", ..." : "")
                    + "); use --clean to drop what is there, or --resume to continue a transfer");
        }
    }

    /**
     * What {@link #clean} would drop, one entry per schema with what it holds, e.g.
     * {@code schema public (12 tables, 3 sequences)}; extensions' objects go with their schema.
     */
    static List<String> cleanPreview(Connection c) throws SQLException {
        String sql = "SELECT n.nspname, "
                + "count(*) FILTER (WHERE c.relkind IN ('r', 'p', 'f')), count(*) FILTER (WHERE c.relkind IN ('v', 'm')), "
                + "count(*) FILTER (WHERE c.relkind = 'S'), "
                + "(SELECT count(*) FROM pg_proc p WHERE p.pronamespace = n.oid) "
                + "FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid "
                + "WHERE " + USER_SCHEMAS + " GROUP BY n.oid, n.nspname ORDER BY n.nspname";
        List<String> schemas = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<String> parts = new ArrayList<>();
                String[] kinds = {"table", "view", "sequence", "function"};
                for (int i = 0; i < kinds.length; i++) {
                    long n = rs.getLong(i + 2);
                    if (n > 0) {
                        parts.add(n + " " + kinds[i] + (n == 1 ? "" : "s"));
                    }
                }
                schemas.add("schema " + Identifiers.quoteIfNeeded(rs.getString(1))
                        + " (" + (parts.isEmpty() ? "empty" : String.join(", ", parts)) + ")");
            }
        }
        return schemas;
    }

    /** Drops every non-system schema with its contents, then gives back an empty {@code public}. */
    static List<String> clean(Connection c) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT n.nspname FROM pg_namespace n WHERE " + USER_SCHEMAS + " ORDER BY 1")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        try (Statement st = c.createStatement()) {
            for (String schema : schemas) {
                st.execute("DROP SCHEMA " + Identifiers.quote(schema) + " CASCADE");
            }
            st.execute("CREATE SCHEMA IF NOT EXISTS public");
        }
        return schemas;
    }
}
