package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.datastore.DataStoreRoles;
import io.ferry.ckan.datastore.SetPermissions;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.Identifiers;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills a second, empty database the way CKAN's DataStore builds it, for a share of a generated
 * catalog's resources, and marks those resources {@code datastore_active} in the catalog.
 *
 * <p>The tables belong to active CSV and XLS resources of active datasets (what DataPusher loads),
 * chosen by the seed: most small (a few dozen rows, a long tail up to thousands), one wide table
 * (hundreds of columns) per thousand, one large table ({@link DataStoreOptions#largeRows()} rows) per
 * two thousand (both rounded up, none below ten tables), one in twenty with an alias. The roles are created when missing (LOGIN, no password),
 * {@code set-permissions}' grants are given first, and every table is then created by the write role,
 * so that it owns them and the default privileges grant the read role SELECT, as on a CKAN site.
 *
 * <p>Small tables go in batches: one round trip creates a batch's tables, one COPY per table fills
 * them (through the full-text trigger, as CKAN's inserts do), one more builds the indexes and aliases.
 * If anything fails, what was created in the DataStore is dropped again (the roles stay) and the
 * catalog is not marked.
 */
public final class DataStoreGenerator {
    /** Small tables created per transaction and round trip. */
    static final int BATCH = 25;
    /** At most this many rows in a small table. */
    static final int SMALL_MAX_ROWS = 5_000;

    /** What was generated. */
    public record Result(int tables, int aliases, int wide, int large, long rows, Duration elapsed) {
    }

    /** The tables to make, chosen before anything is written. */
    public static final class Selection {
        private final List<DataStoreTable> tables;
        private final DataStoreOptions options;
        private final GenerateOptions catalog;
        private final int large;
        private final int wide;

        private Selection(List<DataStoreTable> tables, DataStoreOptions options, GenerateOptions catalog, int large,
                          int wide) {
            this.tables = List.copyOf(tables);
            this.options = options;
            this.catalog = catalog;
            this.large = large;
            this.wide = wide;
        }

        public int tables() {
            return tables.size();
        }

        /** The resource ids, in the order the tables are made. */
        public List<String> resourceIds() {
            return tables.stream().map(DataStoreTable::resourceId).toList();
        }
    }

    private DataStoreGenerator() {
    }

    /**
     * Chooses the tables for the catalog {@code catalog} describes.
     *
     * @throws FerryException USAGE when the catalog has fewer candidate resources than tables asked for
     */
    public static Selection select(GenerateOptions catalog, DataStoreOptions options) {
        Catalog c = new Catalog(catalog);
        List<long[]> candidates = new ArrayList<>();
        for (int i = 0; i < c.datasets; i++) {
            Dataset d = c.dataset(i);
            if (!d.state.equals("active")) {
                continue;
            }
            for (int r = 0; r < d.resources; r++) {
                if (ResourceWriter.tabular(c, d, r)) {
                    long number = Ids.child(i, r, 12);
                    candidates.add(new long[] {i, r, Rng.mix(c.seed ^ Rng.mix(number ^ 0xda7a5703eL))});
                }
            }
        }
        int wanted = options.tablesFor(c.datasets);
        if (wanted > candidates.size()) {
            throw new FerryException(ErrorCode.USAGE, "--datastore-tables " + wanted + ": a catalog of " + c.datasets
                    + " datasets has only " + candidates.size() + " active CSV or XLS resources of active datasets; "
                    + "ask for fewer tables or more --datasets");
        }
        candidates.sort(Comparator.comparingLong(a -> a[2]));
        int large = wanted >= 10 ? (wanted + 1999) / 2000 : 0;
        int wide = wanted >= 10 ? (wanted + 999) / 1000 : 0;
        List<DataStoreTable> tables = new ArrayList<>(wanted);
        for (int k = 0; k < wanted; k++) {
            long[] pick = candidates.get(k);
            tables.add(table(c, c.dataset((int) pick[0]), (int) pick[1], k < large, k >= large && k < large + wide,
                    options));
        }
        return new Selection(tables, options, catalog, large, wide);
    }

    private static DataStoreTable table(Catalog c, Dataset d, int r, boolean large, boolean wide,
                                        DataStoreOptions options) {
        long key = Ids.child(d.index, r, 12);
        Rng rng = new Rng(c.seed, Ids.DATASTORE, key);
        DataStoreShape shape;
        long rows;
        int indicators = 0;
        if (large) {
            shape = rng.chance(0.5) ? DataStoreShape.SPEND : DataStoreShape.READINGS;
            rows = options.largeRows();
        } else if (wide) {
            shape = DataStoreShape.WIDE;
            indicators = 200 + rng.nextInt(400);
            rows = 20 + rng.nextInt(280);
        } else {
            double u = rng.nextDouble();
            shape = d.organogram != Dataset.NOT_ORGANOGRAM ? DataStoreShape.ORGANOGRAM
                    : u < 0.35 ? DataStoreShape.SPEND : u < 0.50 ? DataStoreShape.READINGS
                    : u < 0.80 ? DataStoreShape.REGISTER : DataStoreShape.STATISTICS;
            // Log-normal: a median of 30 rows and a long tail, as most uploaded files are small.
            rows = Math.max(1, Math.min(SMALL_MAX_ROWS, Math.round(Math.exp(Math.log(30) + 1.2 * rng.gaussian()))));
        }
        String alias = !large && rng.chance(0.05)
                ? Words.slug(d.title, 40) + "-" + Integer.toString(d.index, 36) + "-" + r : null;
        boolean dictionary = shape == DataStoreShape.REGISTER || rng.chance(0.2);
        return new DataStoreTable(ResourceWriter.resourceId(c, d.index, r), d.index, shape, shape.columns(indicators),
                rows, alias, dictionary, key);
    }

    /** @throws FerryException VALIDATION_FAILED when the database has any table, view or sequence */
    public static void requireEmpty(ConnectionSpec datastore) {
        try (Connection c = datastore.open()) {
            LegacySchema.requireEmpty(c, datastore.display());
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "ckan generate: " + SqlErrors.describe(e), e);
        }
    }

    /**
     * Generates the selected tables into {@code datastore} (which must be empty), then marks their
     * resources in {@code catalog}.
     */
    public static Result generate(ConnectionSpec catalog, ConnectionSpec datastore, Selection selection,
                                  Consumer<String> progress) {
        long start = System.nanoTime();
        DataStoreRoles roles = selection.options.roles();
        progress.accept("Preparing the DataStore " + datastore.display() + " (write role " + roles.write()
                + ", read role " + roles.read() + ")");
        try (Connection c = datastore.open()) {
            LegacySchema.requireEmpty(c, datastore.display());
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                createRoles(st, roles);
                for (String sql : SetPermissions.statements(datastore.database(), roles)) {
                    st.execute(sql);
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "ckan generate --datastore: " + SqlErrors.describe(e), e);
        }
        try {
            long rows = fill(datastore, selection, progress);
            progress.accept(String.format(Locale.ROOT, "Marking %d resources datastore_active in %s (after %.1f s)",
                    selection.tables(), catalog.display(), (System.nanoTime() - start) / 1e9));
            mark(catalog, selection.resourceIds());
            List<DataStoreTable> tables = selection.tables;
            return new Result(tables.size(), (int) tables.stream().filter(t -> t.alias() != null).count(),
                    selection.wide, selection.large, rows, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            dropAll(datastore, selection, e);
            throw e;
        }
    }

    private static void createRoles(Statement st, DataStoreRoles roles) throws SQLException {
        for (String role : List.of(roles.write(), roles.read())) {
            boolean exists;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = " + Identifiers.literal(role))) {
                exists = rs.next();
            }
            if (!exists) {
                st.execute("CREATE ROLE " + Identifiers.quote(role) + " LOGIN");
            }
        }
    }

    /** Large tables first, each on its own, then wide ones, then the small ones in batches. */
    private static long fill(ConnectionSpec datastore, Selection selection, Consumer<String> progress) {
        long seed = selection.catalog.seed();
        String write = Identifiers.quote(selection.options.roles().write());
        List<DataStoreTable> big = new ArrayList<>();
        List<DataStoreTable> small = new ArrayList<>();
        for (DataStoreTable t : selection.tables) {
            (t.rows() > SMALL_MAX_ROWS || t.shape() == DataStoreShape.WIDE ? big : small).add(t);
        }
        big.sort(Comparator.comparingLong(t -> -t.rows() * t.columns().size()));
        progress.accept("Writing " + selection.tables() + " DataStore tables (" + big.size() + " large or wide, "
                + small.size() + " small in batches of " + BATCH + ", " + selection.catalog.jobs() + " jobs)");
        AtomicLong rows = new AtomicLong();
        List<Parallel.Task> tasks = new ArrayList<>();
        for (DataStoreTable t : big) {
            tasks.add(c -> rows.addAndGet(write(c, write, List.of(t), seed)));
        }
        for (int from = 0; from < small.size(); from += BATCH) {
            List<DataStoreTable> batch = small.subList(from, Math.min(small.size(), from + BATCH));
            tasks.add(c -> rows.addAndGet(write(c, write, batch, seed)));
        }
        Parallel.run(datastore, selection.catalog.jobs(), tasks);
        return rows.get();
    }

    /** One transaction: the tables created as the write role, filled, indexed, aliased. */
    private static long write(Connection c, String writeRole, List<DataStoreTable> tables, long seed)
            throws SQLException {
        List<String> create = new ArrayList<>();
        List<String> finish = new ArrayList<>();
        for (DataStoreTable t : tables) {
            create.addAll(t.create());
            finish.addAll(t.finish());
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET ROLE " + writeRole);
            st.execute(String.join(";\n", create));
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long rows = 0;
        for (DataStoreTable t : tables) {
            try (CopyStream out = new CopyStream(copy, t.name(), t.copyColumns())) {
                t.writeRows(seed, out);
                out.close();
                rows += out.rows();
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET maintenance_work_mem = '128MB'");
            st.execute(String.join(";\n", finish));
        }
        return rows;
    }

    /** CKAN's {@code set_datastore_active_flag}: {@code extras} gets {@code "datastore_active": true}. */
    private static void mark(ConnectionSpec catalog, List<String> ids) {
        try (Connection c = catalog.open(); PreparedStatement ps = c.prepareStatement("""
                UPDATE resource
                SET extras = jsonb_set(coalesce(extras, '{}')::jsonb, '{datastore_active}', 'true')::text
                WHERE id = ANY (?)""")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            int marked = ps.executeUpdate();
            if (marked != ids.size()) {
                throw new FerryException(ErrorCode.INTERNAL, "ckan generate --datastore: " + ids.size()
                        + " resources should be marked datastore_active in " + catalog.display() + ", but "
                        + marked + " were found");
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "ckan generate --datastore: " + SqlErrors.describe(e), e);
        }
    }

    /** After a failure: the DataStore's tables (with their aliases), the view and the function dropped. */
    private static void dropAll(ConnectionSpec datastore, Selection selection, RuntimeException failure) {
        try (Connection c = datastore.open(); Statement st = c.createStatement()) {
            List<String> names = selection.tables.stream().map(DataStoreTable::name).toList();
            for (int from = 0; from < names.size(); from += 500) {
                st.execute("DROP TABLE IF EXISTS " + String.join(", ", names.subList(from,
                        Math.min(names.size(), from + 500))) + " CASCADE");
            }
            st.execute("DROP VIEW IF EXISTS public." + SetPermissions.TABLE_METADATA);
            st.execute("DROP FUNCTION IF EXISTS public." + SetPermissions.FULL_TEXT_FUNCTION + "()");
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
