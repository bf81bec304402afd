package io.ferry.connect;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which database a connection reached, as the server tells it rather than as the URL spells it:
 * {@code localhost}, {@code 127.0.0.1}, a host name, {@code embedded:NAME} and a ckan.ini can all name
 * one database. Two connections reach the same database when their server instance (start time and
 * port) and the database (oid and name) agree, or when the clusters' system identifiers agree: a
 * physical replica shares its primary's identifier, and dropping the primary's tables drops the
 * replica's too.
 *
 * @param systemIdentifier the cluster's {@code pg_control_system()} identifier, or null where the
 *                         role may not read it
 * @param started          {@code pg_postmaster_start_time()} as text
 * @param port             the port the server listens on (its setting, not the client's view)
 * @param databaseOid      the database's oid
 * @param databaseName     the database's name
 */
public record DatabaseIdentity(String systemIdentifier, String started, int port, long databaseOid,
                               String databaseName) {
    /** Asks the server; any failure is a connection problem worth one line. */
    public static DatabaseIdentity of(Connection c) {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_postmaster_start_time()::text, "
                     + "current_setting('port')::int, d.oid, d.datname FROM pg_database d "
                     + "WHERE d.datname = current_database()")) {
            rs.next();
            return new DatabaseIdentity(systemIdentifier(c), rs.getString(1), rs.getInt(2), rs.getLong(3),
                    rs.getString(4));
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "cannot tell which database this is: "
                    + SqlErrors.describe(e), e);
        }
    }

    /**
     * {@code pg_control_system()} may be kept from ordinary roles. The privilege is asked first, in a
     * query of its own (the function's own permission check runs for the whole statement, whatever
     * a CASE around it says), so a refusal never aborts a transaction the caller may have open.
     */
    private static String systemIdentifier(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT has_function_privilege('pg_control_system()', 'EXECUTE')")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return null;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT system_identifier::text FROM pg_control_system()")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Whether both connections reached one database (or a database and its physical replica). */
    public boolean sameDatabaseAs(DatabaseIdentity other) {
        if (databaseOid != other.databaseOid || !databaseName.equals(other.databaseName)) {
            return false;
        }
        boolean sameInstance = started.equals(other.started) && port == other.port;
        boolean sameCluster = systemIdentifier != null && systemIdentifier.equals(other.systemIdentifier);
        return sameInstance || sameCluster;
    }

    /**
     * Refuses (exit 6, nothing touched) a source and target that are one database: cleaning or
     * filling the target would destroy the source.
     */
    public static void requireDistinct(ConnectionSpec source, ConnectionSpec target, String command) {
        try (Connection s = source.open(); Connection t = target.open()) {
            requireDistinct(s, source.display(), t, target.display(), command);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "cannot close a connection: " + SqlErrors.describe(e), e);
        }
    }

    /** As {@link #requireDistinct(ConnectionSpec, ConnectionSpec, String)}, on open connections. */
    public static void requireDistinct(Connection source, String sourceDisplay, Connection target,
                                       String targetDisplay, String command) {
        DatabaseIdentity from = of(source);
        DatabaseIdentity to = of(target);
        if (from.sameDatabaseAs(to)) {
            throw new FerryException(ErrorCode.UNSAFE_CHANGE, command + " refused: the source " + sourceDisplay
                    + " and the target " + targetDisplay + " are the same database"
                    + (from.started.equals(to.started) ? "" : " (one is a physical replica of the other)")
                    + "; nothing was changed");
        }
    }
}
