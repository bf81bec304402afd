package io.ferry.test;

import io.ferry.connect.ConnectionSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh database on the shared embedded test server, created for one test. */
public record TestDatabase(String name, ConnectionSpec spec) {

    public Connection open() {
        return spec.open();
    }

    /** {@code postgres://postgres@localhost:PORT/NAME}, as a user would pass it to {@code --db}. */
    public String url() {
        return spec.display();
    }

    public void execute(String sql) {
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, as text (null when there is no row). */
    public String queryString(String sql) {
        try (Connection c = open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long queryLong(String sql) {
        return Long.parseLong(queryString(sql));
    }
}
