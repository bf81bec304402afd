package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.View;
import io.ferry.schema.read.CatalogReader;
import io.ferry.schema.script.TransferScript;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Moves a database, as pgcopydb does it: read the source's schema under one exported snapshot,
 * create the tables on the target, copy all tables in parallel (largest first, big ones in chunks),
 * build keys and indexes in parallel, add foreign keys NOT VALID and validate them, set sequences,
 * refresh materialized views, ANALYZE, verify.
 *
 * <p>Progress lives in the target's {@code ferry} schema: the pre-data script commits together with
 * the copy plan, each chunk with its rows, each post-data statement with its marker. A resumed run
 * ({@link TransferOptions#resume()}) picks up at the first unfinished piece. The state is removed
 * when the transfer succeeds.
 */
public final class Transfer {
    /** What a finished transfer moved and found. */
    public record Report(Map<String, Checksum> tables, List<String> excluded, List<String> mismatches,
                         List<String> schemaDifferences, int sequences, boolean resumed) {
        public boolean ok() {
            return mismatches.isEmpty() && schemaDifferences.isEmpty();
        }
    }

    /** Progress lines for people. */
    public interface Listener extends DataCopy.Listener {
        void phase(String description);

        void note(String line);
    }

    private final ConnectionSpec source;
    private final ConnectionSpec target;
    private final TransferOptions options;
    private final Listener listener;

    public Transfer(ConnectionSpec source, ConnectionSpec target, TransferOptions options, Listener listener) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.listener = listener;
    }

    public Report run() {
        try (Connection snapshot = source.open(); Connection t = target.open()) {
            snapshot.setAutoCommit(false);
            try (Statement st = snapshot.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            listener.phase("reading the schema of " + source.display());
            Schema schema = CatalogReader.read(snapshot);
            TransferScript script = TransferScript.of(schema, options.keepOwners(), options.keepGrants());
            boolean resumed = prepareTarget(t, snapshot, schema, script);

            List<TransferState.Entry> plan = TransferState.load(t);
            long pending = plan.stream().filter(e -> !e.done()).count();
            listener.phase("copying " + pending + " chunk" + (pending == 1 ? "" : "s") + " of "
                    + plan.stream().map(e -> e.chunk().table()).distinct().count() + " tables with "
                    + options.jobs() + " job" + (options.jobs() == 1 ? "" : "s"));
            DataCopy.Result copied = new DataCopy(source, target, options.jobs(), options.verify(), options.binary(),
                    listener).run(snapshot, plan);

            listener.phase("building keys, indexes and foreign keys");
            new PostData(target, options.jobs(), listener::note).run(script);
            int sequences = Sequences.copy(snapshot, t);
            refreshMaterializedViews(t, schema, script);
            listener.phase("analyzing");
            try (Statement st = t.createStatement()) {
                st.execute("ANALYZE");
            }
            snapshot.commit();

            listener.phase("verifying the target's schema against the source's");
            List<String> schemaDifferences = compareSchemas(schema, CatalogReader.read(t));
            Report report = new Report(copied.tables(), excludedTables(schema), copied.mismatches(), schemaDifferences,
                    sequences, resumed);
            if (report.ok()) {
                dropState(t);
            }
            return report;
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "transfer failed: " + SqlErrors.describe(e), e);
        }
    }

    /**
     * Creates the schema and the copy plan on a fresh target (in one transaction), or finds them there
     * on resume. Returns whether this run resumes an earlier one.
     */
    private boolean prepareTarget(Connection t, Connection snapshot, Schema schema, TransferScript script)
            throws SQLException {
        boolean hasState = TransferState.exists(t);
        if (hasState && !options.resume() && !options.clean()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "target " + target.display()
                    + " holds an unfinished transfer; use --resume to finish it, or --clean to start over");
        }
        if (hasState && options.resume()) {
            listener.phase("resuming the transfer recorded in " + target.display());
            return true;
        }
        if (options.clean()) {
            List<String> dropped = TargetDatabase.clean(t);
            listener.phase("cleaned the target (dropped schemas " + String.join(", ", dropped) + ")");
        } else {
            TargetDatabase.requireEmpty(t, target.display());
        }
        listener.phase("creating " + schema.tables().size() + " tables on " + target.display());
        t.setAutoCommit(false);
        try (Statement st = t.createStatement()) {
            st.setEscapeProcessing(false);
            for (String sql : script.preData()) {
                st.execute(sql);
            }
            TransferState.create(t);
            PostData.createState(t);
            TransferState.savePlan(t, plan(snapshot, schema));
            t.commit();
        } catch (SQLException | RuntimeException e) {
            t.rollback();
            throw e;
        } finally {
            t.setAutoCommit(true);
        }
        return false;
    }

    /** Chunks of every table that holds rows (not partitioned parents), largest tables first. */
    private List<Chunk> plan(Connection snapshot, Schema schema) throws SQLException {
        Map<Table, Long> sizes = new LinkedHashMap<>();
        for (Table table : schema.tables().values()) {
            if (table.partitionKey() != null || options.excludesData(table.name().schema(), table.name().name())) {
                continue;
            }
            sizes.put(table, relationSize(snapshot, table));
        }
        List<Table> largestFirst = new ArrayList<>(sizes.keySet());
        largestFirst.sort((a, b) -> Long.compare(sizes.get(b), sizes.get(a)));
        List<Chunk> chunks = new ArrayList<>();
        for (Table table : largestFirst) {
            List<String> columns = table.columns().stream().filter(c -> c.generated() == null)
                    .map(c -> io.ferry.sql.Identifiers.quote(c.name())).toList();
            if (columns.isEmpty()) {
                continue;
            }
            chunks.addAll(ChunkPlanner.plan(snapshot, new ChunkPlanner.TableInfo(table.name().schema(),
                    table.name().name(), columns, primaryKey(schema, table)), options.chunkBytes()));
        }
        return chunks;
    }

    private static List<String> primaryKey(Schema schema, Table table) {
        return schema.constraints().values().stream()
                .filter(c -> c.table().equals(table.name()) && c.kind() == io.ferry.schema.model.ConstraintKind.PRIMARY_KEY)
                .findFirst().map(io.ferry.schema.model.Constraint::columns).orElse(List.of());
    }

    private static long relationSize(Connection c, Table table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_relation_size(?::regclass)")) {
            ps.setString(1, table.name().sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> excludedTables(Schema schema) {
        return schema.tables().values().stream()
                .filter(t -> options.excludesData(t.name().schema(), t.name().name()))
                .map(t -> t.name().sql()).toList();
    }

    /** Materialized views were created empty; fill them in the order they were created. */
    private void refreshMaterializedViews(Connection t, Schema schema, TransferScript script) throws SQLException {
        List<View> materialized = new ArrayList<>(schema.views().values().stream().filter(View::materialized).toList());
        if (materialized.isEmpty()) {
            return;
        }
        List<String> pre = script.preData();
        materialized.sort((a, b) -> Integer.compare(pre.indexOf(a.createSql()), pre.indexOf(b.createSql())));
        listener.phase("refreshing " + materialized.size() + " materialized views");
        try (Statement st = t.createStatement()) {
            for (View view : materialized) {
                st.execute("REFRESH MATERIALIZED VIEW " + view.name().sql());
            }
        }
    }

    /**
     * The target must now have the source's schema. Compared as create scripts without owners and
     * grants (which {@code -O -x} semantics leave behind on purpose), statement by statement.
     */
    private List<String> compareSchemas(Schema expected, Schema actual) {
        Set<String> want = new HashSet<>(TransferScript.of(expected, options.keepOwners(), options.keepGrants()).all());
        Set<String> have = new HashSet<>(TransferScript.of(actual, options.keepOwners(), options.keepGrants()).all());
        List<String> differences = new ArrayList<>();
        want.stream().filter(s -> !have.contains(s)).sorted().forEach(s -> differences.add("missing on target: " + s));
        have.stream().filter(s -> !want.contains(s)).sorted().forEach(s -> differences.add("only on target: " + s));
        return differences;
    }

    private static void dropState(Connection t) throws SQLException {
        try (Statement st = t.createStatement()) {
            st.execute("DROP TABLE IF EXISTS ferry.transfer_chunk, ferry.transfer_step");
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'ferry') THEN DROP SCHEMA IF EXISTS ferry; END IF; END $$");
        }
    }
}
