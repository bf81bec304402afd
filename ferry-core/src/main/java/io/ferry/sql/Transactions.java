package io.ferry.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Ending a transaction after a failure without losing the failure. */
public final class Transactions {
    private Transactions() {
    }

    /**
     * Rolls back the connection's open transaction after {@code failure}, which the caller then
     * throws. Never throws itself: when the rollback fails too (a broken connection, or a connection
     * already back in autocommit, where the driver refuses to roll back), that error is attached to
     * {@code failure} as suppressed, so the error that matters, with its cause, is the one reported.
     */
    public static void rollbackAfter(Connection c, Throwable failure) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
