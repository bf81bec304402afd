package io.ferry.connect;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and as whom to connect: a fully resolved PostgreSQL connection. Immutable. The password is
 * held but never shown: {@link #toString()} and {@link #display()} leave it out.
 */
public final class ConnectionSpec {
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> driverOptions;

    public ConnectionSpec(String host, int port, String database, String user, String password,
                          Map<String, String> driverOptions) {
        this.host = requireText(host, "host");
        this.database = requireText(database, "database");
        this.user = requireText(user, "user");
        if (port < 1 || port > 65535) {
            throw new FerryException(ErrorCode.USAGE, "port " + port + " is out of range 1-65535");
        }
        this.port = port;
        this.password = password;
        this.driverOptions = Map.copyOf(driverOptions);
        Secrets.register(password);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new FerryException(ErrorCode.USAGE, "connection has no " + what);
        }
        return value;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** Whether a password is known; the password itself is only handed to the driver. */
    public boolean hasPassword() {
        return password != null;
    }

    /** Options passed to pgjdbc as connection properties (sslmode, connectTimeout, ...). */
    public Map<String, String> driverOptions() {
        return driverOptions;
    }

    /** The same server and login, another database. */
    public ConnectionSpec withDatabase(String otherDatabase) {
        return new ConnectionSpec(host, port, otherDatabase, user, password, driverOptions);
    }

    /** A JDBC URL without user or password (those travel as properties). */
    public String jdbcUrl() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + PercentCoding.encode(database);
    }

    /** The properties for the JDBC driver, password included. Never log these. */
    public Properties driverProperties() {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "ferry");
        driverOptions.forEach(properties::setProperty);
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return properties;
    }

    /**
     * Opens a connection. Failures become one-line {@link FerryException}s with code CONNECTION that
     * name the server the way {@link #display()} does.
     */
    public Connection open() {
        try {
            return DriverManager.getConnection(jdbcUrl(), driverProperties());
        } catch (SQLException e) {
            if (e.getCause() instanceof UnknownHostException) {
                throw new FerryException(ErrorCode.CONNECTION, "cannot connect to " + display()
                        + ": cannot resolve host '" + host + "'", e);
            }
            throw new FerryException(ErrorCode.CONNECTION,
                    "cannot connect to " + display() + ": " + Secrets.redact(firstLine(e.getMessage())), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** {@code postgres://user@host:port/database}: safe to print. */
    public String display() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "postgres://" + PercentCoding.encode(user) + "@" + hostPart + ":" + port + "/"
                + PercentCoding.encode(database);
    }

    @Override
    public String toString() {
        return display();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ConnectionSpec that)) {
            return false;
        }
        return port == that.port && host.equals(that.host) && database.equals(that.database)
                && user.equals(that.user) && Objects.equals(password, that.password)
                && driverOptions.equals(that.driverOptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, database, user);
    }
}
