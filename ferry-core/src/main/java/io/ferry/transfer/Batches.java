package io.ferry.transfer;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;

/** Statement batches: many statements in one round trip, a failure reported as the server's own error. */
final class Batches {
    private Batches() {
    }

    /**
     * Executes the statement's batch. The driver wraps the first failure in a BatchUpdateException
     * whose message holds the whole statement; the server's error it chains is what people (and the
     * disk-full check, by its SQLSTATE) need, so that is thrown.
     */
    static void execute(Statement st) throws SQLException {
        try {
            st.executeBatch();
        } catch (BatchUpdateException e) {
            SQLException server = e.getNextException();
            if (server != null) {
                server.addSuppressed(e);
                throw server;
            }
            throw e;
        }
    }
}
