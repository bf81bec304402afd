package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.postgresql.PGConnection;

/**
 * Generates a legacy data.gov.uk-style CKAN catalog into an empty database: the schema of
 * {@code legacy.sql}, then every table filled by one streamed COPY, then the keys and indexes. The
 * same datasets, seed and harvest shape always give the same rows, whatever the number of jobs.
 *
 * <p>Sizes scale with the number of datasets: about 1,400 publishers at data.gov.uk's size of some
 * 45,000 datasets, most datasets in a few publishers (median 2 per publishing publisher), skewed
 * resource counts, users of every kind, one harvest source per 250 datasets, and the conversion's
 * known traps at a small rate (see {@link UserWriter}).
 *
 * <p>Tables are written on several connections at once, so the work is not one transaction: if
 * anything fails after the schema was created, every table the generator created is dropped again
 * and the database is as empty as it was found.
 */
public final class CatalogGenerator {
    /** What was generated: rows per table in the order written, and how long it took. */
    public record Result(Map<String, Long> rows, Duration elapsed) {
        public long totalRows() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One writer's share of the tables. */
    private interface Writer {
        void write(Catalog catalog, Tables tables);
    }

    /** The writers, largest first so that parallel jobs finish together; the summary keeps this order. */
    private static final List<Writer> WRITERS = List.of(ExtraWriter::write, ResourceWriter::write,
            DatasetWriter::write, ActivityWriter::write, TagWriter::write, MemberWriter::write, HarvestWriter::write,
            UserWriter::write, GroupWriter::write, LegacyWriter::write);

    private CatalogGenerator() {
    }

    /**
     * Generates the catalog into {@code target}, which must be empty.
     *
     * @param progress hears one line per phase
     * @throws FerryException VALIDATION_FAILED when the database is not empty (nothing is changed);
     *                        INTERNAL when the server rejects what was generated (the database is
     *                        emptied again)
     */
    public static Result generate(ConnectionSpec target, GenerateOptions options, Consumer<String> progress) {
        long start = System.nanoTime();
        Catalog catalog = new Catalog(options);
        List<String> created;
        List<String> restore;
        Map<String, Long> seeded;
        try (Connection c = target.open()) {
            LegacySchema.requireEmpty(c, target.display());
            progress.accept("Creating the legacy schema (harvest tables: " + options.harvestShape().label() + ")");
            c.setAutoCommit(false);
            LegacySchema.load(c);
            if (options.harvestShape() == HarvestShape.PRE_V2) {
                LegacySchema.preV2Harvest(c);
            }
            restore = LegacySchema.setAsideKeysAndIndexes(c);
            created = tables(c);
            seeded = rowsIn(c, created);
            c.commit();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "ckan generate: " + SqlErrors.describe(e), e);
        }
        try {
            Map<String, Long> rows = new LinkedHashMap<>(fill(target, catalog, options, progress));
            // Rows the schema itself holds (migrate_version's) count too, as a transfer counts them.
            seeded.forEach((table, n) -> rows.merge(table, n, Long::sum));
            progress.accept(seconds("Building keys and indexes, checking foreign keys", start));
            buildKeys(target, options.jobs(), restore, created);
            progress.accept(seconds("Done", start));
            return new Result(rows, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            dropAll(target, created, e);
            throw e;
        }
    }

    private static Map<String, Long> fill(ConnectionSpec target, Catalog catalog, GenerateOptions options,
                                          Consumer<String> progress) {
        progress.accept("Writing " + options.datasets() + " datasets, " + catalog.publishers + " publishers, "
                + catalog.users + " users, " + catalog.sources + " harvest sources (seed " + options.seed() + ", "
                + options.jobs() + " jobs)");
        List<Map<String, Long>> counts = new ArrayList<>();
        List<Parallel.Task> tasks = new ArrayList<>();
        for (Writer writer : WRITERS) {
            Map<String, Long> slot = new LinkedHashMap<>();
            counts.add(slot);
            tasks.add(c -> {
                Tables tables = new Tables(c.unwrap(PGConnection.class).getCopyAPI());
                writer.write(catalog, tables);
                slot.putAll(tables.rows());
            });
        }
        tasks.add(c -> {
            try (Statement st = c.createStatement()) {
                st.execute(LegacyWriter.systemInfoSequenceFix());
            }
        });
        Parallel.run(target, options.jobs(), tasks);
        Map<String, Long> rows = new LinkedHashMap<>();
        counts.forEach(rows::putAll);
        return rows;
    }

    /**
     * Primary and unique keys first, then statistics for every table (the foreign key checks are
     * joins), then the foreign keys: added NOT VALID, which is instant, and validated in parallel
     * with the other index builds. VALIDATE locks only the referencing table against writes, so
     * checks of different tables do not wait for each other as plain ADD FOREIGN KEY would; the
     * constraints end up exactly as if added directly (validated).
     */
    private static void buildKeys(ConnectionSpec target, int jobs, List<String> restore, List<String> created) {
        List<Parallel.Task> keys = new ArrayList<>();
        List<Parallel.Task> indexes = new ArrayList<>();
        List<String> addForeign = new ArrayList<>();
        Map<String, List<String>> validations = new LinkedHashMap<>();
        for (String sql : restore) {
            if (sql.contains(" FOREIGN KEY ")) {
                addForeign.add(sql + " NOT VALID");
                String table = sql.substring("ALTER TABLE ".length(), sql.indexOf(" ADD CONSTRAINT "));
                String name = sql.substring(sql.indexOf(" ADD CONSTRAINT ") + 16, sql.indexOf(" FOREIGN KEY "));
                validations.computeIfAbsent(table, t -> new ArrayList<>())
                        .add("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name);
            } else {
                (sql.startsWith("ALTER TABLE") ? keys : indexes).add(c -> execute(c, sql));
            }
        }
        for (String table : created) {
            keys.add(c -> execute(c, "ANALYZE " + table));
        }
        Parallel.run(target, jobs, keys);
        Parallel.run(target, 1, List.of(c -> {
            for (String sql : addForeign) {
                execute(c, sql);
            }
        }));
        for (List<String> checks : validations.values()) {
            indexes.add(c -> {
                for (String sql : checks) {
                    execute(c, sql);
                }
            });
        }
        Parallel.run(target, jobs, indexes);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET maintenance_work_mem = '128MB'");
            st.execute(sql);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT oid::regclass::text FROM pg_class WHERE relkind = 'r' "
                        + "AND relnamespace = current_schema()::regnamespace")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The tables that already hold rows (those the schema script inserts), with their counts. */
    private static Map<String, Long> rowsIn(Connection c, List<String> tables) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        rows.put(table.replace("\"", ""), rs.getLong(1));
                    }
                }
            }
        }
        return rows;
    }

    /** After a failure: removes what the generator created, so that the database is empty again. */
    private static void dropAll(ConnectionSpec target, List<String> created, RuntimeException failure) {
        try (Connection c = target.open(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + String.join(", ", created) + " CASCADE");
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static String seconds(String what, long start) {
        return String.format(Locale.ROOT, "%s (after %.1f s)", what, (System.nanoTime() - start) / 1e9);
    }
}
