package io.ferry.transfer;

import io.ferry.Counts;
import com.github.luben.zstd.ZstdInputStream;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Workers;
import io.ferry.archive.ArchiveIndex;
import io.ferry.archive.ArchiveReader;
import io.ferry.connect.ConnectionSpec;
import io.ferry.schema.script.TransferScript;
import io.ferry.sql.SqlErrors;
import io.ferry.sql.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.postgresql.PGConnection;

/**
 * {@code ferry load} of a Ferry dump archive. From a file, chunks load in parallel and the run is
 * resumable, with progress in the target as for a transfer; from a stream (standard input), it loads
 * serially in one transaction, so a broken stream leaves the target as it was. Either way the rows
 * are checked against the manifest before the load counts as done: from a file, each chunk's row
 * count and (for chunks by key) checksum, then each table; from a stream, each chunk's row count,
 * then each table's checksum inside the transaction. Checksums are checked in CHECKSUMS mode when
 * the dump took them, row counts otherwise.
 */
public final class ArchiveLoad {
    private ArchiveLoad() {
    }

    /** Loads an archive file. */
    public static Transfer.Report fromFile(ConnectionSpec target, Path file, TransferOptions options,
                                           Transfer.Listener listener) {
        ArchiveIndex index = ArchiveIndex.scan(file);
        String name = String.valueOf(file.getFileName());
        DumpContents.SchemaPart schema = readEntry(index, DumpContents.SCHEMA, DumpContents.SchemaPart.class, name);
        if (!index.contains(DumpContents.MANIFEST)) {
            throw new FerryException(ErrorCode.INPUT, name + " has no manifest: the dump did not finish");
        }
        readEntry(index, DumpContents.HEADER, DumpContents.Header.class, name);
        DumpContents.Manifest written = readEntry(index, DumpContents.MANIFEST, DumpContents.Manifest.class, name);
        Map<String, DumpContents.Written> manifest = manifest(written);
        Map<String, DumpContents.PlannedChunk> byChunk = new HashMap<>();
        schema.plan().forEach(p -> byChunk.put(p.table() + "#" + p.number(), p));
        for (DumpContents.PlannedChunk p : schema.plan()) {
            if (!manifest.containsKey(p.entry()) || !index.contains(p.entry())) {
                throw new FerryException(ErrorCode.INPUT, name + " lacks " + p.entry() + " (" + p.chunk().label() + ")");
            }
        }
        TransferScript script = schema.script();
        try (Connection t = target.open()) {
            boolean resumed = TargetSetup.prepare(t, target.display(), options, script.preData(),
                    () -> schema.plan().stream().map(DumpContents.PlannedChunk::chunk).toList(), listener);
            List<TransferState.Entry> plan = TransferState.load(t);
            listener.phase("loading " + Counts.of(plan.stream().filter(e -> !e.done()).count(), "chunk") + " with "
                    + Counts.of(options.jobs(), "job"));
            List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
            Map<String, Checksum> loaded = loadChunks(target, index, plan, byChunk, manifest, written.hash(), options,
                    listener, mismatches);
            // A dump taken with --verify counts has no checksums to compare with: check the counts then.
            boolean checksummed = manifest.values().stream().allMatch(w -> w.checksum() != null);
            Verify verify = options.verify() == Verify.CHECKSUMS && !checksummed ? Verify.COUNTS : options.verify();
            if (verify != options.verify()) {
                listener.note("the dump has no checksums (it was taken with --verify counts): checking row counts");
            }
            TableVerification.check(target, verify, written.hash(), plan, loaded, mismatches);
            if (!mismatches.isEmpty()) {
                // Keys would be built on missing rows: stop here, with only matching chunks recorded.
                throw new FerryException(ErrorCode.VALIDATION_FAILED, name + " does not match its manifest ("
                        + mismatches.size() + (mismatches.size() == 1 ? " difference" : " differences") + ", first: "
                        + mismatches.get(0) + "); the chunks that match are recorded: rerun with --resume from a "
                        + "sound archive, or start over with --clean --yes");
            }
            listener.phase("building keys, indexes and foreign keys");
            new PostData(target, options.jobs(), listener::note).run(script, TransferState.tables(plan));
            int sequences = Sequences.apply(t, schema.sequences());
            return TargetFinish.finish(t, listener, schema.materializedViews(), "the dump's", script.all(), options,
                    loaded, schema.structureOnly(), mismatches, sequences, resumed);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "load failed: " + SqlErrors.describe(e), e);
        }
    }

    /** Loads an archive from a stream, serially, in one transaction. */
    public static Transfer.Report fromStream(ConnectionSpec target, InputStream in, String name, TransferOptions options,
                                             Transfer.Listener listener) {
        try (ArchiveReader reader = new ArchiveReader(in, name); Connection t = target.open()) {
            expect(reader.next(), DumpContents.HEADER, name);
            ArchiveReader.Entry schemaEntry = expect(reader.next(), DumpContents.SCHEMA, name);
            DumpContents.SchemaPart schema = DumpContents.read(schemaEntry.payload(), DumpContents.SchemaPart.class, name);
            TransferScript script = schema.script();
            options.roles().requireExist(t, target.display());
            if (options.clean()) {
                listener.phase("cleaned the target (dropped schemas " + String.join(", ", TargetDatabase.clean(t)) + ")");
            } else {
                TargetDatabase.requireEmpty(t, target.display());
            }
            Map<String, DumpContents.PlannedChunk> planned = new HashMap<>();
            schema.plan().forEach(p -> planned.put(p.entry(), p));
            Map<String, Checksum> loaded = new TreeMap<>();
            int sequences;
            t.setAutoCommit(false);
            try {
                SessionSettings.apply(t);
                execute(t, script.preData());
                Map<String, Long> rowsByEntry = new HashMap<>();
                DumpContents.Manifest manifest = null;
                ArchiveReader.Entry entry;
                while ((entry = reader.next()) != null) {
                    if (entry.name().equals(DumpContents.MANIFEST)) {
                        manifest = DumpContents.read(entry.payload(), DumpContents.Manifest.class, name);
                        break;
                    }
                    DumpContents.PlannedChunk p = planned.get(entry.name());
                    if (p == null) {
                        throw new FerryException(ErrorCode.INPUT, name + " has an unexpected entry " + entry.name());
                    }
                    listener.chunkStarted(p.chunk());
                    // Every table was created in this very transaction: all load frozen.
                    Loaded done = copyIn(t, p.chunk(), true, entry.payload(), name, listener);
                    rowsByEntry.put(p.entry(), done.rows());
                    listener.chunkCopied(p.chunk(), done.rows(), done.bytes());
                }
                if (manifest == null) {
                    throw new FerryException(ErrorCode.INPUT, name + " ends before its manifest: the dump did not "
                            + "finish or the stream was cut");
                }
                List<String> mismatches = new ArrayList<>();
                for (DumpContents.Written w : manifest.chunks()) {
                    DumpContents.PlannedChunk p = planned.get(w.entry());
                    long got = rowsByEntry.getOrDefault(w.entry(), -1L);
                    if (p == null || got != w.rows()) {
                        mismatches.add((p == null ? w.entry() : p.chunk().label()) + ": manifest says " + w.rows()
                                + " rows, loaded " + Math.max(got, 0));
                    }
                    if (p != null) {
                        loaded.merge(p.table(), w.asChecksum(), Checksum::plus);
                    }
                }
                if (mismatches.isEmpty()) {
                    verifyTables(t, schema, manifest, loaded, options, listener, mismatches);
                }
                if (!mismatches.isEmpty()) {
                    throw new FerryException(ErrorCode.VALIDATION_FAILED, name + " does not match its manifest: "
                            + mismatches.get(0) + (mismatches.size() > 1 ? " (and " + (mismatches.size() - 1) + " more)" : ""));
                }
                listener.phase("building keys, indexes and foreign keys");
                List<String> post = new ArrayList<>();
                script.keysByTable().values().forEach(post::addAll);
                post.addAll(script.postData());
                post.addAll(script.validations());
                execute(t, post);
                sequences = Sequences.apply(t, schema.sequences());
                CopyPlan.refresh(t, schema.materializedViews());
                options.roles().apply(t);
                t.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                Transactions.rollbackAfter(t, e);
                throw e;
            }
            t.setAutoCommit(true);
            try (Statement st = t.createStatement()) {
                st.execute("ANALYZE");
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.INTERNAL, name + " is loaded and committed, but ANALYZE failed "
                        + "afterwards: " + SqlErrors.describe(e), e);
            }
            return new Transfer.Report(loaded, schema.structureOnly(), List.of(),
                    TargetFinish.schemaDifferences(t, script.all(), options),
                    sequences, false);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "load failed: " + SqlErrors.describe(e), e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks each table the stream filled, inside the load's transaction, against the manifest: its
     * checksum (the sum of its chunks' in the manifest) in CHECKSUMS mode, when the dump took them,
     * else its row count; nothing for NONE. Every table was created in this transaction, so its rows
     * are exactly the ones loaded.
     */
    private static void verifyTables(Connection t, DumpContents.SchemaPart schema, DumpContents.Manifest manifest,
                                     Map<String, Checksum> expected, TransferOptions options,
                                     Transfer.Listener listener, List<String> mismatches) throws SQLException {
        boolean checksummed = manifest.chunks().stream().allMatch(w -> w.checksum() != null);
        Verify verify = options.verify() == Verify.CHECKSUMS && !checksummed ? Verify.COUNTS : options.verify();
        if (verify != options.verify()) {
            listener.note("the dump has no checksums (it was taken with --verify counts): checking row counts");
        }
        Map<String, Chunk> firstChunk = new TreeMap<>();
        schema.plan().forEach(p -> firstChunk.putIfAbsent(p.table(), p.chunk()));
        for (Chunk chunk : firstChunk.values()) {
            TableVerification.checkTable(t, verify, manifest.hash(), chunk,
                    expected.getOrDefault(chunk.table(), Checksum.EMPTY), mismatches);
        }
    }

    private static Map<String, Checksum> loadChunks(ConnectionSpec target, ArchiveIndex index,
                                                    List<TransferState.Entry> plan,
                                                    Map<String, DumpContents.PlannedChunk> byChunk,
                                                    Map<String, DumpContents.Written> manifest, RowHash hash,
                                                    TransferOptions options,
                                                    Transfer.Listener listener, List<String> mismatches) {
        Map<String, Checksum> loaded = Collections.synchronizedMap(new TreeMap<>());
        plan.stream().filter(TransferState.Entry::done)
                .forEach(e -> loaded.merge(e.chunk().table(), e.copied(), Checksum::plus));
        ConcurrentLinkedQueue<TransferState.Entry> queue = new ConcurrentLinkedQueue<>(
                plan.stream().filter(e -> !e.done()).toList());
        listener.copyStarting(queue.stream().map(TransferState.Entry::chunk).toList(), queue.stream()
                .mapToLong(e -> manifest.get(byChunk.get(e.chunk().table() + "#" + e.chunk().number()).entry()).rows())
                .sum());
        String resume = "; the chunks loaded so far are recorded: fix the cause and rerun with --resume, or start "
                + "over with --clean --yes";
        try {
            Workers.repeat("load", Math.max(1, Math.min(options.jobs(), queue.size())), queue::clear, () -> {
                try (Connection t = target.open()) {
                    SessionSettings.apply(t);
                    SessionSettings.forWriting(t);
                    t.setAutoCommit(false);
                    TransferState.Entry e;
                    while ((e = queue.poll()) != null) {
                        Chunk chunk = e.chunk();
                        DumpContents.PlannedChunk p = byChunk.get(chunk.table() + "#" + chunk.number());
                        DumpContents.Written w = manifest.get(p.entry());
                        listener.chunkStarted(chunk);
                        Loaded done;
                        try (InputStream in = index.open(p.entry())) {
                            done = copyIn(t, chunk, FrozenLoad.emptied(t, chunk), in, index.name() + ": " + p.entry(),
                                    listener);
                        }
                        long rows = done.rows();
                        String mismatch = null;
                        if (options.verify() != Verify.NONE && rows != w.rows()) {
                            mismatch = chunk.label() + ": manifest says " + w.rows() + " rows, loaded " + rows;
                        } else if (options.verify() == Verify.CHECKSUMS && chunk.byKey() && w.checksum() != null
                                && !Checksum.of(t, chunk.targetSelectSql(), chunk.label(), hash).equals(w.asChecksum())) {
                            mismatch = chunk.label() + ": checksum differs from the manifest's";
                        }
                        if (mismatch != null) {
                            // Not recorded as done: the target keeps only chunks that match the
                            // manifest, and --resume with a sound archive loads this one again.
                            t.rollback();
                            mismatches.add(mismatch);
                            continue;
                        }
                        TransferState.markDone(t, chunk, w.asChecksum(), hash.label());
                        t.commit();
                        loaded.merge(chunk.table(), w.asChecksum(), Checksum::plus);
                        listener.chunkCopied(chunk, rows, done.bytes());
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

    /** Rows a chunk loaded and the bytes of its COPY data (uncompressed). */
    private record Loaded(long rows, long bytes) {
    }

    /**
     * Streams one entry's compressed binary COPY data into its table, inside the caller's transaction;
     * with {@code freeze} when the table was created or emptied in it ({@link FrozenLoad}).
     */
    private static Loaded copyIn(Connection t, Chunk chunk, boolean freeze, InputStream compressed, String source,
                                 Transfer.Listener listener) throws SQLException {
        String sql = FrozenLoad.copyInSql(chunk, true, freeze);
        try (CountingStream data = new CountingStream(new ZstdInputStream(compressed), listener)) {
            long rows = t.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, data, 1 << 16);
            return new Loaded(rows, data.count);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, source + ": corrupt data for " + chunk.label() + " ("
                    + e.getMessage() + ")", e);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INPUT, source + ": cannot load " + chunk.label() + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    private static void execute(Connection t, List<String> statements) throws SQLException {
        try (Statement st = t.createStatement()) {
            st.setEscapeProcessing(false);
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static Map<String, DumpContents.Written> manifest(DumpContents.Manifest manifest) {
        Map<String, DumpContents.Written> byEntry = new HashMap<>();
        manifest.chunks().forEach(w -> byEntry.put(w.entry(), w));
        return byEntry;
    }

    private static <T> T readEntry(ArchiveIndex index, String entry, Class<T> type, String name) {
        if (!index.contains(entry)) {
            throw new FerryException(ErrorCode.INPUT, name + " has no " + entry + ": not a complete Ferry dump");
        }
        try (InputStream in = index.open(entry)) {
            return DumpContents.read(in, type, name);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static ArchiveReader.Entry expect(ArchiveReader.Entry entry, String name, String source) {
        if (entry == null || !entry.name().equals(name)) {
            throw new FerryException(ErrorCode.INPUT, source + ": expected entry " + name + ", found "
                    + (entry == null ? "the end" : entry.name()));
        }
        return entry;
    }

    /** Counts the bytes read through it and tells the listener, for the progress display. */
    private static final class CountingStream extends java.io.FilterInputStream {
        private final Transfer.Listener listener;
        private long count;

        CountingStream(InputStream in, Transfer.Listener listener) {
            super(in);
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                listener.streamed(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                listener.streamed(n);
            }
            return n;
        }
    }
}
