package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.AdvisoryLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock that lets one Ferry process at a time migrate a database: a session-level advisory lock
 * held by a connection of its own.
 *
 * <p>Why it is polled with {@code pg_try_advisory_lock} and never waited for with
 * {@code pg_advisory_lock}: a session blocked inside {@code pg_advisory_lock} is in an open
 * transaction, and CREATE INDEX CONCURRENTLY in the lock holder's migration waits for every older
 * transaction to end, so the two would wait on each other forever (flyway#1654). A transaction-scoped
 * lock has the same problem for non-transactional migrations (flyway#3497). Between polls this
 * connection is idle outside any transaction. Because the lock belongs to the session, it is released
 * when the process dies and its connection closes: nothing stays locked after a kill -9.
 */
public final class MigrationLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);
    /** "FERRY" in ASCII: one key per database, shared by every Ferry version. */
    static final long KEY = 0x4645525259L;
    private static final long MAX_POLL_MS = 500;

    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    /** Takes the lock, polling until {@code wait} has passed; then fails with LOCK_TIMEOUT. */
    public static MigrationLock acquire(ConnectionSpec spec, Duration wait) {
        Connection connection = spec.open();
        try {
            connection.setAutoCommit(true);
            long deadline = System.nanoTime() + wait.toNanos();
            long pollMs = 20;
            boolean logged = false;
            while (true) {
                if (tryLock(connection)) {
                    return new MigrationLock(connection);
                }
                if (System.nanoTime() >= deadline) {
                    String holder = AdvisoryLocks.holder(connection, KEY);
                    connection.close();
                    throw new FerryException(ErrorCode.LOCK_TIMEOUT, "another Ferry process" + holder
                            + " holds the migration lock on " + spec.display() + "; gave up after "
                            + wait.toSeconds() + " s (--lock-wait)");
                }
                if (!logged) {
                    LOG.info("waiting for the migration lock on {}{}", spec.display(), AdvisoryLocks.holder(connection, KEY));
                    logged = true;
                }
                Thread.sleep(pollMs);
                pollMs = Math.min(MAX_POLL_MS, pollMs * 2);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new FerryException(ErrorCode.CONNECTION, "cannot take the migration lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(connection);
            throw new FerryException(ErrorCode.LOCK_TIMEOUT, "interrupted while waiting for the migration lock", e);
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing the lock connection failed", e);
        }
    }

    /** Releases the lock; a failure here is logged, never allowed to hide the error that ended the run. */
    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        } catch (SQLException e) {
            LOG.warn("could not release the migration lock cleanly ({}); it is released when the connection closes",
                    e.getMessage());
        } finally {
            closeQuietly(connection);
        }
    }
}
