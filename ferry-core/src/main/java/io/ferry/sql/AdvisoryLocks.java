package io.ferry.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Who holds one of Ferry's advisory locks, for the line that refuses to take it. */
public final class AdvisoryLocks {
    private AdvisoryLocks() {
    }

    /**
     * " (server pid N, connected since T)" for the session of the current database holding the
     * advisory lock {@code key}; empty when none does any more, or the question fails (the refusal
     * it decorates matters more).
     */
    public static String holder(Connection c, long key) {
        String sql = "SELECT a.pid, date_trunc('second', a.backend_start)::text FROM pg_locks l "
                + "JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND ((l.classid::bigint << 32) | l.objid::bigint) = ? LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? " (server pid " + rs.getInt(1) + ", connected since " + rs.getString(2) + ")" : "";
            }
        } catch (SQLException e) {
            return "";
        }
    }
}
