package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.SqlErrors;
import io.ferry.sql.SqlStatement;
import io.ferry.sql.Transactions;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Applies one migration at a time on the migrating connection, with its history row: in one
 * transaction (one round trip for plain SQL), or in autocommit for a non-transactional one. A
 * failure is rolled back, recorded in a transaction of its own, and thrown as a one-line
 * {@link FerryException}.
 */
final class MigrationRunner {
    /** lock_not_available: the server's lock_timeout fired. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Connection c;
    private final MigrateOptions options;
    private final MigrationListener listener;

    MigrationRunner(Connection c, MigrateOptions options, MigrationListener listener) throws SQLException {
        this.c = c;
        this.options = options;
        this.listener = listener;
        prepareSession(c, options);
    }

    /** Applies the migration; returns how long it took, in milliseconds. */
    long apply(Migration m) throws SQLException {
        return m.transactional() ? applyInTransaction(m) : applyInAutocommit(m);
    }

    private static void prepareSession(Connection c, MigrateOptions options) throws SQLException {
        try (Statement st = c.createStatement()) {
            // DDL that waits for an ACCESS EXCLUSIVE lock queues every later query behind it; give up instead.
            st.execute("SET lock_timeout = " + options.lockTimeout().toMillis());
            if (c.getMetaData().getDatabaseMajorVersion() >= 14) {
                // If this process dies mid-statement, the server notices soon and rolls back, instead of
                // holding the migration's locks until the statement ends.
                st.execute("SET client_connection_check_interval = 1000");
            }
        }
    }

    /** Runs the migration and its history row in one transaction, retrying on lock_timeout if asked. */
    private long applyInTransaction(Migration m) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            c.setAutoCommit(false);
            Checks checks = new Checks(c, m.script());
            long start = System.nanoTime();
            try {
                Optional<List<SqlStatement>> batch = m instanceof SqlMigration sql ? sql.batch() : Optional.empty();
                if (batch.isPresent()) {
                    try {
                        SqlBatch.runAndCommit(c, (SqlMigration) m, batch.get());
                        return elapsedMs(start);
                    } catch (BatchUpdateException e) {
                        // One round trip hid which statement failed: run them again one by one, in a
                        // new transaction, to name it with its line. Rolled back below either way.
                        Transactions.rollbackAfter(c, e);
                        m.execute(checks);
                        throw e.getNextException() != null ? e.getNextException() : e;
                    }
                }
                m.execute(checks);
                long ms = elapsedMs(start);
                History.insertAndCommit(c, m, ms, checks.toJson());
                return ms;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackAfter(c, e);
                if (LOCK_NOT_AVAILABLE.equals(SqlErrors.state(e)) && attempt <= options.lockRetries()) {
                    long delay = Math.min(30_000L, 1000L << (attempt - 1));
                    listener.retrying(m, attempt, delay);
                    sleep(delay);
                    continue;
                }
                FerryException failure = asFailure(m, e);
                recordFailure(c, m, elapsedMs(start), failure, checks);
                throw failure;
            }
        }
    }

    /**
     * Runs a non-transactional migration. Its history row is written first, as failed with
     * {@link History#INTERRUPTED}, and completed at the end: if the process dies in between, the module
     * stays blocked until someone has looked at what was done and run repair.
     */
    private long applyInAutocommit(Migration m) throws SQLException {
        c.setAutoCommit(true);
        long rank = History.insert(c, m, 0, false, History.INTERRUPTED, null);
        Checks checks = new Checks(c, m.script());
        long start = System.nanoTime();
        try {
            m.execute(checks);
        } catch (SQLException | RuntimeException e) {
            FerryException failure = asFailure(m, e);
            try {
                History.finish(c, rank, elapsedMs(start), false, failure.getMessage(), checks.toJson());
            } catch (SQLException recordError) {
                failure.addSuppressed(recordError);
            }
            throw failure;
        }
        long ms = elapsedMs(start);
        History.finish(c, rank, ms, true, null, checks.toJson());
        return ms;
    }

    private static FerryException asFailure(Migration m, Exception e) {
        if (e instanceof FerryException fe) {
            if (LOCK_NOT_AVAILABLE.equals(SqlErrors.state(e))) {
                return new FerryException(fe.code(), fe.getMessage() + " (another session holds a lock this "
                        + "migration needs; retry later, or raise --lock-timeout / --lock-retries)", fe.getCause());
            }
            return fe;
        }
        if (e instanceof SQLException se) {
            return new FerryException(ErrorCode.MIGRATION_FAILED, m.script() + ": " + SqlErrors.describe(se), se);
        }
        return new FerryException(ErrorCode.MIGRATION_FAILED, m.script() + ": " + e, e);
    }

    /** Writes the failed row in a transaction of its own, after the migration's was rolled back. */
    private static void recordFailure(Connection c, Migration m, long ms, FerryException failure, Checks checks) {
        try {
            c.setAutoCommit(true);
            History.insert(c, m, ms, false, failure.getMessage(), checks.toJson());
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.INTERNAL, "interrupted", e);
        }
    }
}
