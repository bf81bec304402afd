package io.ferry.schema.read;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.schema.model.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * Reads the schema of a live database into a {@link Schema}, with one catalog query per object kind.
 *
 * <p>Everything is read from one snapshot, and with settings that make the catalog's renderings the
 * same on any two databases whatever the session's own settings: an empty {@code search_path}, so
 * every name outside {@code pg_catalog} comes out schema-qualified; ISO dates, {@code postgres}
 * intervals, UTC time zone and full float precision, so constants in defaults, checks and partition
 * bounds are written one way; {@code quote_all_identifiers} off. These settings are local to the
 * reading transaction (or savepoint) and vanish with it.
 *
 * <p>Every server from PostgreSQL 9.6 on is read, each with the query variants of its version
 * ({@link Queries}).
 */
public final class CatalogReader {
    /**
     * Settings of the read's transaction. {@code jit} off: the catalog queries' cost estimates pass
     * {@code jit_above_cost} on servers built with LLVM (Debian's, most packaged ones), and compiling
     * them takes seconds where running them takes milliseconds (1.5 s against 0.06 s for one). A
     * server before 11 has no such setting: the row that sets it is not there.
     */
    static final String SETTINGS = "SELECT set_config('search_path', '', true),"
            + " set_config('DateStyle', 'ISO, MDY', true), set_config('IntervalStyle', 'postgres', true),"
            + " set_config('TimeZone', 'UTC', true), set_config('extra_float_digits', '3', true),"
            + " set_config('quote_all_identifiers', 'off', true);"
            + " SELECT set_config('jit', 'off', true) FROM pg_settings WHERE name = 'jit'";
    /** Read by the queries: whether Ferry's own objects (schema ferry, the history table) are modelled too. */
    private static final String OWN = "SELECT set_config('ferry.read_own', ?, true)";

    private CatalogReader() {
    }

    /** Opens a connection, reads the schema in a read-only REPEATABLE READ transaction, and closes it. */
    public static Schema read(ConnectionSpec spec) {
        try (Connection connection = spec.open()) {
            return read(connection);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot read the schema of " + spec.display() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Reads the schema over {@code connection}. In auto-commit mode this runs its own read-only
     * REPEATABLE READ transaction and ends it. Inside a transaction the caller already began (for
     * example one that imported an exported snapshot), it reads in that transaction, within a
     * savepoint that it rolls back so the caller's session settings are left as they were.
     */
    public static Schema read(Connection connection) {
        return read(connection, false);
    }

    /**
     * As {@link #read(Connection)}; with {@code includeFerrysOwn}, Ferry's own objects (schema
     * {@code ferry} and {@code public.ferry_schema_history}) are read too, as a database move needs:
     * a moved database keeps its migration history and records.
     */
    public static Schema read(Connection connection, boolean includeFerrysOwn) {
        try {
            if (connection.getAutoCommit()) {
                return readInOwnTransaction(connection, includeFerrysOwn);
            }
            return readInCallersTransaction(connection, includeFerrysOwn);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot read the schema: " + e.getMessage(), e);
        }
    }

    private static Schema readInOwnTransaction(Connection connection, boolean own) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement st = connection.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                st.execute(SETTINGS);
            }
            scope(connection, own);
            return readAll(connection, own);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static Schema readInCallersTransaction(Connection connection, boolean own) throws SQLException {
        Savepoint savepoint = connection.setSavepoint("ferry_catalog_read");
        try {
            try (Statement st = connection.createStatement()) {
                st.execute(SETTINGS);
            }
            scope(connection, own);
            return readAll(connection, own);
        } finally {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        }
    }

    private static void scope(Connection connection, boolean own) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(OWN)) {
            ps.setString(1, own ? "on" : "off");
            ps.execute();
        }
    }

    private static Schema readAll(Connection connection, boolean own) throws SQLException {
        Queries queries = new Queries(connection, serverVersionNum(connection));
        Schema.Builder builder = new Schema.Builder();
        TypeReader.readNamespaces(queries, builder);
        RelationReader relations = new RelationReader(queries, own);
        relations.read(builder);
        TypeReader.readTypes(queries, builder, relations.columns());
        TypeReader.readFunctions(queries, builder);
        MemberReader.read(queries, builder);
        EdgeReader.read(queries, builder);
        queries.run("unmodelled", rs -> builder.addUnmodelled(rs.getString("object")));
        return builder.build();
    }

    /** The server's version as a number (120022 for 12.22, 90624 for 9.6.24): it picks the query variants. */
    static int serverVersionNum(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
