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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog queries, one SQL resource per object kind under {@code io/ferry/schema/queries/}. Each
 * query runs once per read, whatever the number of objects: reading a large schema costs the same
 * number of round trips as reading a small one.
 *
 * <p>Where the catalogs of PostgreSQL versions differ for a kind, the kind has variants, each named
 * after the oldest major version it is for: {@code triggers.sql} serves every version Ferry reads
 * (9.6 on), {@code triggers.pg13.sql} replaces it from 13 on. A reader is made for one server and
 * runs, for each kind, the variant with the highest floor that the server reaches.
 */
final class Queries {
    private static final String FOLDER = "/io/ferry/schema/queries/";
    /** The majors a variant may be named after, newest first (9.6 is the floor of the plain files). */
    private static final List<Integer> FLOORS = List.of(17, 16, 15, 14, 13, 12, 11, 10);
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final String NAMESPACES = ":modelled_namespaces";
    private static final Logger LOG = LoggerFactory.getLogger(Queries.class);

    /** What to do with each row of a query's result. */
    @FunctionalInterface
    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final int major;

    /** @param serverVersionNum the server's {@code server_version_num}, e.g. 120022 or 90624 */
    Queries(Connection connection, int serverVersionNum) {
        this.connection = connection;
        this.major = serverVersionNum / 10000;
    }

    /** The resource that serves kind {@code name} on a server of major version {@code major}. */
    static String resourceFor(String name, int major) {
        for (int floor : FLOORS) {
            if (floor <= major && exists(name + ".pg" + floor)) {
                return name + ".pg" + floor;
            }
        }
        return name;
    }

    /** The text of resource {@code name} (without {@code .sql}). */
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

    private static boolean exists(String name) {
        return CACHE.containsKey(name) || Queries.class.getResource(FOLDER + name + ".sql") != null;
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

    /** Runs the variant of query {@code name} for this server and hands each row to {@code handler}. */
    void run(String name, RowHandler handler) {
        String resource = resourceFor(name, major);
        long start = System.nanoTime();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(text(resource))) {
            while (rs.next()) {
                handler.row(rs);
            }
            LOG.debug("{}: {} ms", resource, (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "catalog query " + resource + ".sql failed: "
                    + e.getMessage(), e);
        }
    }
}
