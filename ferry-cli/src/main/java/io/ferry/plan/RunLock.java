package io.ferry.plan;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.AdvisoryLocks;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One {@code ferry run} per target at a time: a session-level advisory lock on a connection of its
 * own, held for the whole run. It uses a key of its own, not the migration lock's, because the plan's
 * migrate step takes that one on another connection of the same process. Being session-level, it dies
 * with the process (a {@code kill -9} leaves nothing locked), so a second run is refused at once
 * rather than queued: two runs of a plan on one target are a mistake, not a wait.
 */
final class RunLock implements AutoCloseable {
    /** "FERRYRUN" in ASCII. */
    static final long KEY = 0x464552525952554EL;

    private final Connection connection;

    private RunLock(Connection connection) {
        this.connection = connection;
    }

    static RunLock acquire(ConnectionSpec target) {
        Connection c = target.open();
        try {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return new RunLock(c);
                    }
                }
            }
            String holder = AdvisoryLocks.holder(c, KEY);
            c.close();
            throw new FerryException(ErrorCode.LOCK_TIMEOUT, "another ferry run" + holder + " is running on "
                    + target.display() + "; wait for it to end (then --resume if it stopped)");
        } catch (SQLException e) {
            close(c);
            throw new FerryException(ErrorCode.CONNECTION, "cannot take the run lock on " + target.display() + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Closing the session releases the lock anyway.
        }
    }

    @Override
    public void close() {
        close(connection); // ending the session releases its advisory locks
    }
}
