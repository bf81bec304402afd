package io.ferry.schema.read;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog queries, one SQL resource per object kind under {@code io/ferry/schema/queries/}. Each
 * query runs once per read, whatever the number of objects: reading a large schema costs the same
 * number of round trips as reading a small one.
 */
final class Queries {
    private static final String FOLDER = "/io/ferry/schema/queries/";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    /** What to do with each row of a query's result. */
    @FunctionalInterface
    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private static final String NAMESPACES = ":modelled_namespaces";

    private Queries() {
    }

    /** The text of query {@code name} (without {@code .sql}). */
    static String text(String name) {
        return CACHE.computeIfAbsent(name, Queries::load);
    }

    /**
     * Reads a query file. {@code :modelled_namespaces} in it stands for the shared definition of the
     * schemas Ferry models ({@code modelled_namespaces.sql}), so every kind filters schemas alike.
     */
    private static String load(String name) {
        String text = resource(name);
        return text.contains(NAMESPACES) ? text.replace(NAMESPACES, resource("modelled_namespaces")) : text;
    }

    private static String resource(String name) {
        try (InputStream in = Queries.class.getResourceAsStream(FOLDER + name + ".sql")) {
            if (in == null) {
                throw new FerryException(ErrorCode.INTERNAL, "catalog query " + name + ".sql is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs query {@code name} and hands each row to {@code handler}. */
    static void run(Connection connection, String name, RowHandler handler) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(text(name))) {
            while (rs.next()) {
                handler.row(rs);
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "catalog query " + name + ".sql failed: " + e.getMessage(), e);
        }
    }
}
