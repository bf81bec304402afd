package io.ferry.migrate;

import io.ferry.connect.Secrets;
import io.ferry.sql.Identifiers;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ferry_schema_history} table in the database's default schema: one row per applied,
 * failed or baselined migration. A unique (module, version) key makes "applied exactly once" a
 * property of the database, not only of the lock.
 */
final class History {
    static final String TABLE = "public.ferry_schema_history";

    private static final String CREATE = """
            CREATE TABLE IF NOT EXISTS public.ferry_schema_history (
                installed_rank bigserial PRIMARY KEY,
                module text NOT NULL,
                version numeric NOT NULL,
                description text NOT NULL,
                type text NOT NULL,
                script text NOT NULL,
                checksum text,
                installed_by text NOT NULL DEFAULT current_user,
                installed_on timestamptz NOT NULL DEFAULT now(),
                execution_ms bigint NOT NULL DEFAULT 0,
                success boolean NOT NULL,
                error text,
                assertions jsonb,
                CONSTRAINT ferry_schema_history_module_version_key UNIQUE (module, version)
            )""";
    private static final String COLUMNS = "installed_rank, module, version, description, type, script, checksum, "
            + "installed_by, installed_on, execution_ms, success, error, assertions::text";
    private static final String INSERT = "INSERT INTO " + TABLE + " (module, version, description, type, script, "
            + "checksum, execution_ms, success, error, assertions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) "
            + "RETURNING installed_rank";
    /** What a non-transactional migration's row says while it runs; left behind if the process dies. */
    static final String INTERRUPTED = "started but never finished (the process stopped while it ran); "
            + "check what it did, then run ferry repair";

    private History() {
    }

    static boolean exists(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    static void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(CREATE);
        }
    }

    /** Every row, oldest first; empty when the table does not exist yet. */
    static List<HistoryRow> read(Connection c) throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        if (!exists(c)) {
            return rows;
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(new HistoryRow(rs.getLong(1), rs.getString(2),
                        MigrationVersion.of(rs.getBigDecimal(3).toBigIntegerExact()), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class), rs.getLong(10), rs.getBoolean(11), rs.getString(12),
                        rs.getString(13)));
            }
        }
        return rows;
    }

    /**
     * Records a successful migration and commits its transaction in one round trip: the insert and
     * the COMMIT go to the server together. On a busy machine each round trip waits for two processes
     * to be scheduled, and a migration has only a few, so this one is worth saving.
     */
    static void insertAndCommit(Connection c, Migration m, long executionMs, String assertions) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            st.execute(successSql(m, Long.toString(executionMs), assertions) + "; COMMIT");
        }
    }

    /**
     * The INSERT of a successful row as one self-contained statement (values as literals), for
     * sending together with other statements. {@code executionMs} is an SQL expression.
     */
    static String successSql(Migration m, String executionMs, String assertions) {
        return "INSERT INTO " + TABLE + " (module, version, description, type, script, checksum, execution_ms, "
                + "success, assertions) VALUES (" + Identifiers.literal(m.module()) + ", " + m.version() + ", "
                + Identifiers.literal(m.description()) + ", " + Identifiers.literal(m.type()) + ", "
                + Identifiers.literal(m.script()) + ", " + (m.checksum() == null ? "NULL" : Identifiers.literal(m.checksum()))
                + ", " + executionMs + ", true, "
                + (assertions == null ? "NULL" : Identifiers.literal(assertions) + "::jsonb") + ")";
    }

    /** Milliseconds since the current transaction began, measured by the server. */
    static final String ELAPSED_MS = "(extract(epoch FROM clock_timestamp() - transaction_timestamp()) * 1000)::bigint";

    static long insert(Connection c, Migration m, long executionMs, boolean success, String error,
                       String assertions) throws SQLException {
        return insert(c, m.module(), m.version(), m.description(), m.type(), m.script(), m.checksum(), executionMs,
                success, error, assertions);
    }

    static long insert(Connection c, String module, MigrationVersion version, String description, String type,
                       String script, String checksum, long executionMs, boolean success, String error,
                       String assertions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, module);
            ps.setBigDecimal(2, new BigDecimal(version.value()));
            ps.setString(3, description);
            ps.setString(4, type);
            ps.setString(5, script);
            ps.setString(6, checksum);
            ps.setLong(7, executionMs);
            ps.setBoolean(8, success);
            ps.setString(9, Secrets.redact(error));
            // Assertions are the user's own queries and values, stored as they are: scrubbing could
            // corrupt the JSON. Error texts are Ferry's messages and get the safety net.
            ps.setString(10, assertions);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Completes a row written by a non-transactional migration when it started. */
    static void finish(Connection c, long rank, long executionMs, boolean success, String error, String assertions)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET execution_ms = ?, success = ?, "
                + "error = ?, assertions = ?::jsonb, installed_on = now() WHERE installed_rank = ?")) {
            ps.setLong(1, executionMs);
            ps.setBoolean(2, success);
            ps.setString(3, Secrets.redact(error));
            ps.setString(4, assertions);
            ps.setLong(5, rank);
            ps.executeUpdate();
        }
    }

    static int deleteFailed(Connection c, String module) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE NOT success AND module = ?")) {
            ps.setString(1, module);
            return ps.executeUpdate();
        }
    }

    /** Makes an applied row agree with the file as it is now (repair after an intended edit). */
    static void realign(Connection c, long rank, Migration m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
                + " SET checksum = ?, description = ?, script = ? WHERE installed_rank = ?")) {
            ps.setString(1, m.checksum());
            ps.setString(2, m.description());
            ps.setString(3, m.script());
            ps.setLong(4, rank);
            ps.executeUpdate();
        }
    }
}
