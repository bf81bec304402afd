package io.ferry.migrate;

import io.ferry.sql.SqlStatement;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs a plain SQL migration in one round trip: its statements, its history row and the COMMIT go
 * to the server as one JDBC batch. Most migrations are a few short statements, so round trips, not
 * the SQL, are what a long run of them costs. If a statement fails, the server skips the rest of the
 * batch (the history row and the COMMIT included); the caller then finds the statement by running
 * them again one by one, which costs a second try only when something is already wrong.
 */
final class SqlBatch {
    private SqlBatch() {
    }

    /**
     * @throws BatchUpdateException when a statement failed; the transaction is then aborted, and
     *     which statement it was is not known (the driver reports every entry as failed)
     */
    static void runAndCommit(Connection c, SqlMigration migration, List<SqlStatement> statements)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(false);
            for (SqlStatement sql : statements) {
                st.addBatch(sql.sql());
            }
            st.addBatch(History.successSql(migration, History.ELAPSED_MS, null));
            st.addBatch("COMMIT");
            st.executeBatch();
        }
    }
}
