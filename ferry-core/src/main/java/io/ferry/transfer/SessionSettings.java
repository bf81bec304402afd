package io.ferry.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The settings that change how a row renders as text. Checksums compare the text of rows on two
 * servers, so both sessions must render alike: same date style, time zone, float digits, interval
 * style and bytea format, whatever each server's defaults are. And {@code jit} off: on a server built
 * with LLVM, a query whose estimate passes {@code jit_above_cost} is compiled first, which costs
 * seconds for Ferry's catalog and planning queries and gains nothing measurable on its scans.
 */
final class SessionSettings {
    /** Before PostgreSQL 11 there is no jit: no row, nothing set. */
    private static final String JIT_OFF = "SELECT set_config('jit', 'off', false) FROM pg_settings WHERE name = 'jit'";
    private static final String SETTINGS = "SET datestyle = 'ISO, YMD'; SET timezone = 'UTC'; "
            + "SET extra_float_digits = 3; SET intervalstyle = 'postgres'; SET bytea_output = 'hex'; "
            + JIT_OFF;

    private SessionSettings() {
    }

    /** Only {@code jit} off, for a session that plans and reads the catalog but renders no rows to compare. */
    static void withoutJit(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(JIT_OFF);
        }
    }

    static void apply(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(SETTINGS);
        }
    }

    /**
     * For a session that writes the target's rows: commits do not wait for the WAL flush. Safe for
     * resuming: a chunk's rows and its done-marker commit together, so a server crash loses both or
     * neither, and --resume redoes what was lost.
     */
    static void forWriting(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET synchronous_commit = off");
        }
    }

    /**
     * For a session that builds indexes and keys: at least 256 MB of maintenance_work_mem (the server's
     * value when it is higher), so the sort of a big table's index stays in memory more often.
     */
    static void forIndexing(Connection c) throws SQLException {
        forWriting(c);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT set_config('maintenance_work_mem', '256MB', false) FROM pg_settings "
                    + "WHERE name = 'maintenance_work_mem' AND setting::bigint < 262144");
        }
    }
}
