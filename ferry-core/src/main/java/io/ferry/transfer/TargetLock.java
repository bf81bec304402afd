package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
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
        throw new FerryException(ErrorCode.LOCK_TIMEOUT, "another ferry transfer or load" + holder(t)
                + " is writing into " + display + "; wait for it to end (or stop it), then run again with --resume");
    }

    /** " (server pid N, connected since T)" for the session holding the lock. */
    private static String holder(Connection t) {
        String sql = "SELECT a.pid, date_trunc('second', a.backend_start)::text FROM pg_locks l "
                + "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND ((l.classid::bigint << 32) | l.objid::bigint) = ? LIMIT 1";
        try (PreparedStatement ps = t.prepareStatement(sql)) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? " (server pid " + rs.getInt(1) + ", connected since " + rs.getString(2) + ")" : "";
            }
        } catch (SQLException e) {
            return "";
        }
    }
}
