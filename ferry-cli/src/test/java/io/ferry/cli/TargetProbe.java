package io.ferry.cli;

import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.LongPredicate;

/**
 * Watches a database that a {@code ferry} process is working on, through the records Ferry commits
 * there (copied chunks, applied migrations, plan steps): the fault suites kill the process at points
 * these records define and read them again to tell where the kill landed. One connection, kept open.
 */
final class TargetProbe implements AutoCloseable {
    private final Connection connection;

    TargetProbe(TestDatabase db) {
        this.connection = db.open();
    }

    /** The first column of the query's first row, or -1 when a relation it reads does not exist yet. */
    long count(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined_table: Ferry has not made it yet
                return -1;
            }
            throw e;
        }
    }

    /** The first column of the query's first row as text, or null (no row, or no such relation yet). */
    String text(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Polls {@code sql} until its value passes {@code until}; false when the process ended or the
     * time ran out first.
     */
    boolean await(Process process, String sql, LongPredicate until, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (until.test(count(sql))) {
                return true;
            }
            Thread.sleep(3);
        }
        return false;
    }

    /**
     * Waits until no other client session is connected to the database: after a kill -9 the server
     * ends the dead client's sessions only when it notices, and what they were committing decides
     * where the kill landed.
     */
    void awaitOtherSessionsGone() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid() AND backend_type = 'client backend'") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the killed process's sessions did not end within 30 s");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
