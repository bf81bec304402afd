package io.ferry.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The settings that change how a row renders as text. Checksums compare the text of rows on two
 * servers, so both sessions must render alike: same date style, time zone, float digits, interval
 * style and bytea format, whatever each server's defaults are.
 */
final class SessionSettings {
    private static final String SETTINGS = "SET datestyle = 'ISO, YMD'; SET timezone = 'UTC'; "
            + "SET extra_float_digits = 3; SET intervalstyle = 'postgres'; SET bytea_output = 'hex'";

    private SessionSettings() {
    }

    static void apply(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(SETTINGS);
        }
    }
}
