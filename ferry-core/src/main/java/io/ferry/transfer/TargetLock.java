package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.AdvisoryLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One copy at a time into a target: a transfer or load holds a session-level advisory lock on its
 * main connection to the target for the whole run. A second one started while the first still
 * writes (a {@code --resume} typed while the first, thought dead, goes on) would copy again the
 * chunks the first has not recorded yet and double their rows. The lock ends with the session, so
 * a killed run leaves nothing to clear by hand.
 */
final class TargetLock {
    /** "FERRYCPY": apart from the migration lock's and a plan run's keys. */
    static final long KEY = 0x4645525259435059L;

    private TargetLock() {
    }

    /** Takes the lock on {@code t}'s session, or refuses at once, naming the session that holds it. */
    static void take(Connection t, String display) throws SQLException {
        try (PreparedStatement ps = t.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
        }
        throw new FerryException(ErrorCode.LOCK_TIMEOUT, "another ferry transfer or load" + AdvisoryLocks.holder(t, KEY)
                + " is writing into " + display + "; wait for it to end (or stop it), then run again with --resume");
    }
}
