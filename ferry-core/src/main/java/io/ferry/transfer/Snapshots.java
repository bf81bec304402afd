package io.ferry.transfer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One consistent view of the source for a whole run: the first connection begins a read-only
 * REPEATABLE READ transaction and exports its snapshot; every worker's connection imports it, so all
 * of them read the database as it was at that one moment, however long the run takes.
 */
final class Snapshots {
    private Snapshots() {
    }

    /** Begins the read-only REPEATABLE READ transaction a snapshot lives in. */
    static void begin(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
    }

    /** The id other sessions can import; {@code c} must stay open, in its transaction, meanwhile. */
    static String export(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Begins a transaction on {@code c} that sees exactly the exported snapshot {@code id}. */
    static void join(Connection c, String id) throws SQLException {
        begin(c);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION SNAPSHOT '" + id.replace("'", "''") + "'");
        }
    }
}
