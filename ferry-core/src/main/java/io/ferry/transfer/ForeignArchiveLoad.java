package io.ferry.transfer;

import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Workers;
import io.ferry.connect.ConnectionSpec;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.schema.read.ServerRendering;
import io.ferry.schema.script.TransferScript;
import io.ferry.sql.SqlErrors;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.postgresql.PGConnection;

/**
 * Loads an archive another tool wrote (pg_dump's) the way a {@link Transfer} moves a database: the
 * schema from a model of the archive's definitions, created on the target together with the copy
 * plan; each table's rows, in COPY's text format, loaded in parallel (largest first), each table
 * with its done-marker in one transaction (a big table in pieces over several connections, marked
 * once all are in: {@link SplitLoad}); keys and indexes built as soon as a table is in, foreign
 * keys added NOT VALID and validated once both tables are built ({@link EarlyKeys}, {@link PostData});
 * sequences set; the target's schema compared with the model's. Resumable with
 * {@link TransferOptions#resume()} as a transfer is. The rows loaded per table are checked against
 * the rows read from the archive.
 */
public final class ForeignArchiveLoad {
    /** A stream of a table's rows in COPY's text format that counts the rows it has passed on. */
    public abstract static class RowStream extends InputStream {
        /** The rows passed on so far; all of them once the stream has been read to its end. */
        public abstract long rows();
    }

    /**
     * One table's rows in the archive.
     *
     * @param schema  the table's schema, unquoted
     * @param name    the table's name, unquoted
     * @param columns the columns the rows hold, in order, as SQL (quoted where needed)
     * @param bytes   about how big the rows are in the archive, to load the largest first (0 if unknown)
     * @param open    opens the rows
     */
    public record TableRows(String schema, String name, List<String> columns, long bytes, Supplier<RowStream> open) {
        public TableRows {
            columns = List.copyOf(columns);
        }
    }

    /**
     * What is loaded.
     *
     * @param name        how messages name the archive
     * @param model       the archive's schema, as a server made it of the definitions
     * @param modelMajor  the major version of that server (views are compared as the target writes them)
     * @param tables      each table's rows
     * @param sequences   statements that set sequences to the archive's positions (run after the rows)
     * @param parallel    whether rows may be read from several tables at once; else one by one
     * @param defaults    the archive's default privileges, set with {@link TransferOptions#keepGrants()}
     */
    public record Source(String name, Schema model, int modelMajor, List<TableRows> tables, List<String> sequences,
                         boolean parallel, DefaultPrivileges defaults) {
        public Source {
            tables = List.copyOf(tables);
            sequences = List.copyOf(sequences);
            defaults = defaults == null ? DefaultPrivileges.NONE : defaults;
        }

        /** An archive without default privileges. */
        public Source(String name, Schema model, int modelMajor, List<TableRows> tables, List<String> sequences,
                      boolean parallel) {
            this(name, model, modelMajor, tables, sequences, parallel, DefaultPrivileges.NONE);
        }
    }

    private ForeignArchiveLoad() {
    }

    public static Transfer.Report run(ConnectionSpec target, Source source, TransferOptions options,
                                      Transfer.Listener listener) {
        try (Connection t = target.open()) {
            // The model was read on another server: extensions at the versions this one offers.
            Schema schema = ServerVersions.withTargetsExtensions(t, TableSelection.apply(source.model(), options),
                    listener::note);
            List<String> leftOut = TableSelection.leftOut(source.model(), schema);
            if (!leftOut.isEmpty()) {
                listener.note("left out (--include/--exclude): " + String.join(", ", leftOut));
            }
            ArchiveRoles.requireExist(t, target.display(), schema, source.defaults(), options);
            TransferScript script = TransferScript.of(schema, options.keepOwners(), options.keepGrants());
            Map<String, TableRows> rowsOf = new HashMap<>();
            for (TableRows rows : source.tables()) {
                rowsOf.put(QualifiedName.of(rows.schema(), rows.name()).sql(), rows);
            }
            boolean resumed = TargetSetup.prepare(t, target.display(), options, script.preData(),
                    () -> plan(schema, rowsOf, options), listener);
            List<TransferState.Entry> plan = TransferState.load(t);
            int jobs = source.parallel() ? options.jobs() : 1;
            long pending = plan.stream().filter(e -> !e.done()).count();
            listener.phase("loading " + Counts.of(pending, "table") + " with " + Counts.of(jobs, "job"));
            PostData post = new PostData(target, options.jobs(), listener::note);
            EarlyKeys early = new EarlyKeys(listener, post, script, TransferScript.foreignKeys(schema), plan,
                    options.jobs());
            List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
            Map<String, Checksum> loaded;
            try {
                loaded = loadTables(target, source.name(), plan, rowsOf, jobs, options.jobs(), early, mismatches);
            } catch (RuntimeException e) {
                early.abandon();
                throw e;
            }
            if (options.verify() != Verify.NONE) {
                if (options.verify() == Verify.CHECKSUMS) {
                    listener.note("the archive holds no checksums: checking row counts");
                }
                // A table this run loaded was checked as it committed: the rows its COPY reported
                // loaded (the server's count, in the transaction that recorded it) equal the rows
                // read. Tables an earlier run recorded are counted again against what it recorded.
                TableVerification.check(target, Verify.COUNTS, RowHash.HASHTEXT,
                        plan.stream().filter(TransferState.Entry::done).toList(), loaded, mismatches);
            }
            if (!mismatches.isEmpty()) {
                early.abandon();
                // Keys would be built on missing rows: stop here, with only matching tables recorded.
                throw new FerryException(ErrorCode.VALIDATION_FAILED, source.name() + ": the rows loaded differ from "
                        + "the rows read (" + mismatches.size() + (mismatches.size() == 1 ? " difference" : " differences")
                        + ", first: " + mismatches.get(0) + "); the tables that match are recorded: rerun with "
                        + "--resume, or start over with --clean --yes");
            }
            listener.phase("building keys, indexes and foreign keys");
            early.finish();
            post.run(script, TransferState.tables(plan));
            int sequences = setSequences(t, source.sequences());
            List<String> defaultsDiffer = List.of();
            if (options.keepGrants()) {
                // Set once every object exists: they apply to objects created later (as pg_restore's last pass).
                ArchiveRoles.setDefaults(t, source.defaults());
                defaultsDiffer = source.defaults().differences(t);
            }
            Schema expected = source.modelMajor() == ServerRendering.major(t) ? schema : ServerRendering.views(t, schema);
            return TargetFinish.finish(t, listener, CopyPlan.materializedViews(schema, script), "the archive's",
                    TransferScript.of(expected, options.keepOwners(), options.keepGrants()).all(), options, loaded,
                    CopyPlan.structureOnly(schema, options), mismatches, sequences, resumed, defaultsDiffer);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "load failed: " + SqlErrors.describe(e), e);
        }
    }

    /**
     * One chunk per table that holds rows itself and has rows in the archive, largest first; tables
     * whose data is excluded are left out.
     */
    private static List<Chunk> plan(Schema schema, Map<String, TableRows> rowsOf, TransferOptions options) {
        List<TableRows> tables = new ArrayList<>();
        for (Table table : schema.tables().values()) {
            TableRows rows = rowsOf.get(table.name().sql());
            if (rows != null && table.partitionKey() == null
                    && !options.excludesData(table.name().schema(), table.name().name())) {
                if (rows.columns().isEmpty()) {
                    requireNoRows(rows, table.name().sql());
                } else {
                    tables.add(rows);
                }
            }
        }
        tables.sort(Comparator.comparingLong(TableRows::bytes).reversed());
        return tables.stream().map(r -> new Chunk(QualifiedName.of(r.schema(), r.name()).sql(),
                r.columns(), 0, 1, null, false)).toList();
    }

    /**
     * A table without columns can hold rows (each empty); COPY cannot load them into a column list,
     * and leaving them behind unsaid would break the promise that every row read is loaded.
     */
    private static void requireNoRows(TableRows rows, String table) {
        long count;
        try (RowStream in = rows.open().get()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            count = in.rows();
        } catch (java.io.IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read the rows of " + table + ": " + e.getMessage(), e);
        }
        if (count > 0) {
            throw new FerryException(ErrorCode.INPUT, table + " has no columns but " + Counts.of(count, "row")
                    + " in the archive, which Ferry cannot load; restore it with pg_restore");
        }
    }

    /**
     * Loads the tables not recorded yet, {@code jobs} at a time, each whole in one transaction with
     * COPY FREEZE; a table big enough ({@link SplitLoad}) is loaded in pieces over up to
     * {@code pieceJobs} connections at once instead, one such table at a time (so that the
     * connections stay at most {@code jobs + pieceJobs}).
     */
    private static Map<String, Checksum> loadTables(ConnectionSpec target, String name, List<TransferState.Entry> plan,
                                                    Map<String, TableRows> rowsOf, int jobs, int pieceJobs,
                                                    Transfer.Listener listener, List<String> mismatches) {
        Map<String, Checksum> loaded = Collections.synchronizedMap(new TreeMap<>());
        plan.stream().filter(TransferState.Entry::done)
                .forEach(e -> loaded.merge(e.chunk().table(), e.copied(), Checksum::plus));
        // The recorded plan comes back in name order: largest first again.
        List<TransferState.Entry> pending = new ArrayList<>(plan.stream().filter(e -> !e.done()).toList());
        for (TransferState.Entry e : pending) {
            if (!rowsOf.containsKey(e.chunk().table())) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "cannot resume: the load recorded on the target "
                        + "has table " + e.chunk().table() + ", which " + name + " has no rows for; resume with the "
                        + "same archive, or start over with --clean --yes");
            }
        }
        pending.sort(Comparator.comparingLong((TransferState.Entry e) -> rowsOf.get(e.chunk().table()).bytes()).reversed());
        ConcurrentLinkedQueue<TransferState.Entry> queue = new ConcurrentLinkedQueue<>(pending);
        AtomicBoolean splitting = new AtomicBoolean();
        listener.copyStarting(pending.stream().map(TransferState.Entry::chunk).toList(), 0);
        String resume = "; the tables loaded so far are recorded: fix the cause and rerun with --resume, or start "
                + "over with --clean --yes";
        try {
            Workers.repeat("load", Math.max(1, Math.min(jobs, queue.size())), queue::clear, () -> {
                try (Connection t = target.open()) {
                    SessionSettings.apply(t);
                    SessionSettings.forWriting(t);
                    t.setAutoCommit(false);
                    TransferState.Entry e;
                    while ((e = queue.poll()) != null) {
                        Chunk chunk = e.chunk();
                        TableRows rows = rowsOf.get(chunk.table());
                        listener.chunkStarted(chunk);
                        long copied;
                        long read;
                        long[] bytes = {0};
                        boolean split = SplitLoad.applies(rows.bytes(), pieceJobs)
                                && splitting.compareAndSet(false, true);
                        try (RowStream in = rows.open().get()) {
                            InputStream counted = new java.io.FilterInputStream(in) {
                                @Override
                                public int read(byte[] b, int off, int len) throws java.io.IOException {
                                    int n = super.read(b, off, len);
                                    if (n > 0) {
                                        bytes[0] += n;
                                        listener.streamed(n);
                                    }
                                    return n;
                                }
                            };
                            if (split) {
                                // Rows an earlier attempt committed piece by piece go first.
                                SplitLoad.empty(t, chunk);
                                SplitLoad.Result result = SplitLoad.load(target, chunk, counted, pieceJobs, name);
                                copied = result.rows();
                                listener.note(chunk.label() + ": loaded in " + Counts.of(result.pieces(), "piece")
                                        + " over " + Counts.of(result.connections(), "connection"));
                                listener.loadedInPieces(chunk, result.pieces(), result.connections());
                            } else {
                                String sql = FrozenLoad.copyInSql(chunk, false, FrozenLoad.emptied(t, chunk));
                                try {
                                    copied = t.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, counted, 1 << 16);
                                } catch (SQLException ex) {
                                    throw new FerryException(ErrorCode.INPUT, name + ": cannot load " + chunk.label()
                                            + ": " + SqlErrors.describe(ex), ex);
                                }
                            }
                            read = in.rows();
                        } finally {
                            if (split) {
                                splitting.set(false);
                            }
                        }
                        if (copied != read) {
                            // Not recorded as done: --resume loads the table again.
                            t.rollback();
                            mismatches.add(chunk.label() + ": " + read + " rows read from the archive, " + copied
                                    + " loaded");
                            continue;
                        }
                        Checksum done = new Checksum(copied, java.math.BigDecimal.ZERO);
                        TransferState.markDone(t, chunk, done, TransferState.NO_HASH);
                        t.commit();
                        loaded.merge(chunk.table(), done, Checksum::plus);
                        listener.chunkCopied(chunk, copied, bytes[0]);
                    }
                }
            });
        } catch (FerryException fe) {
            throw new FerryException(fe.code(), fe.getMessage() + resume, fe);
        } catch (RuntimeException e) {
            throw new FerryException(ErrorCode.INTERNAL, "load failed: " + e + resume, e);
        }
        return loaded;
    }

    /**
     * Runs the archive's sequence positions, each alone: a sequence left out (--include/--exclude) is
     * not on the target, and is skipped. Returns how many were set.
     */
    private static int setSequences(Connection t, List<String> statements) throws SQLException {
        int set = 0;
        try (Statement st = t.createStatement()) {
            st.setEscapeProcessing(false);
            for (String sql : statements) {
                try {
                    st.execute(sql);
                    set++;
                } catch (SQLException e) {
                    if (!"42P01".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
        return set;
    }
}
