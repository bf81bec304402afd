package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Workers;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies the rows of planned chunks from a source to a target database with several workers, all
 * reading one exported snapshot of the source, so the copy is consistent however long it takes.
 *
 * <p>Each chunk is copied in one target transaction together with its {@link TransferState} row:
 * after a crash, a resumed copy redoes exactly the chunks that were not committed. The target tables
 * must exist; indexes and constraints are best added after the copy.
 */
public final class DataCopy {
    /** Hears how the copy goes (called from worker threads, except {@link #copyStarting}). */
    public interface Listener {
        /** Before the rows move: the chunks to copy and about how many rows they hold (0 when unknown). */
        default void copyStarting(List<Chunk> chunks, long estimatedRows) {
        }

        /** A worker begins a chunk. */
        default void chunkStarted(Chunk chunk) {
        }

        /** Some bytes of COPY data went through (called often, so the rate can be shown while a chunk runs). */
        default void streamed(long bytes) {
        }

        /** A chunk is done: its rows and the bytes of its binary (or text) COPY data. */
        void chunkCopied(Chunk chunk, long rows, long bytes);
    }

    /**
     * What was copied: per table, the source's rows and checksum, and any verification failures; and
     * how long the workers spent checking tables on the target (beside the copies, summed over them).
     */
    public record Result(Map<String, Checksum> tables, List<String> mismatches, long chunksCopied, long verifyNanos) {
    }

    /** Whole tables copied in one transaction at most, and the COPY data after which it commits. */
    static final int GROUP_TABLES = 50;
    static final long GROUP_BYTES = 8L << 20;

    private final ConnectionSpec source;
    private final ConnectionSpec target;
    private final int jobs;
    private final Verify verify;
    private final ChunkCopier.Format format;
    private final Listener listener;
    private final int stallSeconds;
    private Set<String> asText = Set.of();
    private Set<String> small = Set.of();
    private RowHashChoice hashes = RowHashChoice.uniform(RowHash.HASHTEXT);

    public DataCopy(ConnectionSpec source, ConnectionSpec target, int jobs, Verify verify, boolean binary,
                    Listener listener) {
        this(source, target, jobs, verify, binary, TransferOptions.DEFAULT_STALL_SECONDS, listener);
    }

    public DataCopy(ConnectionSpec source, ConnectionSpec target, int jobs, Verify verify, boolean binary,
                    int stallSeconds, Listener listener) {
        if (jobs < 1) {
            throw new FerryException(ErrorCode.USAGE, "--jobs must be at least 1");
        }
        this.source = source;
        this.target = target;
        this.jobs = jobs;
        this.verify = verify;
        this.format = binary ? ChunkCopier.Format.BINARY : ChunkCopier.Format.TEXT;
        this.listener = listener;
        this.stallSeconds = stallSeconds;
    }

    /**
     * Copies these tables (as {@link Chunk#table()} names them) with text COPY whatever the format:
     * their binary form differs between the two servers. Returns this.
     */
    public DataCopy textFor(Set<String> tables) {
        this.asText = Set.copyOf(tables);
        return this;
    }

    /** Loads these tables (as {@link Chunk#table()} names them) without freezing them: they are small. Returns this. */
    public DataCopy small(Set<String> tables) {
        this.small = Set.copyOf(tables);
        return this;
    }

    /** Hashes rows for checksums with {@code hash}, one both servers can compute. Returns this. */
    public DataCopy hashing(RowHash hash) {
        return hashing(RowHashChoice.uniform(hash));
    }

    /** Hashes each table's rows for checksums as {@code choice} says. Returns this. */
    DataCopy hashing(RowHashChoice choice) {
        this.hashes = choice;
        return this;
    }

    /**
     * Copies every chunk of the plan not yet recorded as done on the target. A new plan is recorded
     * first; on resume, pass the plan {@link TransferState#load} returned.
     *
     * @param snapshotSource an open connection in a REPEATABLE READ transaction whose snapshot the
     *                       workers share; it must stay open until this returns
     */
    Result run(Connection snapshotSource, List<TransferState.Entry> plan) {
        String snapshot = export(snapshotSource);
        ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>();
        plan.stream().filter(e -> !e.done()).map(TransferState.Entry::chunk).forEach(queue::add);
        listener.copyStarting(List.copyOf(queue), estimate(snapshotSource, List.copyOf(queue)));
        Copying copying = new Copying(queue, new ConcurrentHashMap<>(), new HashMap<>(), new ConcurrentHashMap<>(),
                Collections.synchronizedList(new ArrayList<>()), new AtomicLong());
        plan.stream().filter(TransferState.Entry::done).forEach(e -> copying.sent().put(e.chunk(), e.copied()));
        plan.forEach(e -> copying.chunksOf().computeIfAbsent(e.chunk().table(), t -> new ArrayList<>()).add(e.chunk()));
        queue.forEach(c -> copying.chunksLeft().computeIfAbsent(c.table(), t -> new AtomicInteger()).incrementAndGet());
        int pending = queue.size();
        Workers.repeat("copy", Math.min(jobs, Math.max(1, pending)), queue::clear, () -> work(snapshot, copying));
        Map<String, Checksum> copied = new TreeMap<>();
        copying.chunksOf().keySet().forEach(table -> copied.put(table, copying.table(table)));
        // Tables whose rows were all in before this run (a resumed one) are checked here; the others
        // were checked by the worker that copied their last chunk.
        List<String> mismatches = copying.mismatches();
        long checkStart = System.nanoTime();
        TableVerification.check(target, verify, hashes::forTable,
                plan.stream().filter(e -> !copying.chunksLeft().containsKey(e.chunk().table())).toList(), copied,
                mismatches);
        copying.verifyNanos().addAndGet(System.nanoTime() - checkStart);
        return new Result(Map.copyOf(copied), List.copyOf(mismatches), pending, copying.verifyNanos().get());
    }

    /**
     * What the copy workers share: the chunks left to copy; per chunk, what the source sent; per
     * table, its chunks and how many of them are still to come; the mismatches found.
     */
    private record Copying(ConcurrentLinkedQueue<Chunk> queue, Map<Chunk, Checksum> sent,
                           Map<String, List<Chunk>> chunksOf, Map<String, AtomicInteger> chunksLeft,
                           List<String> mismatches, AtomicLong verifyNanos) {
        /** What the source sent of the table so far: the sum over its chunks. */
        Checksum table(String table) {
            return chunksOf.get(table).stream().map(c -> sent.getOrDefault(c, Checksum.EMPTY))
                    .reduce(Checksum.EMPTY, Checksum::plus);
        }
    }

    private void work(String snapshot, Copying copying) throws SQLException {
        try (Connection s = source.open(); Connection t = target.open()) {
            Snapshots.join(s, snapshot);
            SessionSettings.apply(s);
            SessionSettings.apply(t);
            SessionSettings.forWriting(t);
            t.setAutoCommit(false);
            List<Copied> group = new ArrayList<>();
            long groupBytes = 0;
            Chunk chunk;
            while ((chunk = copying.queue().poll()) != null) {
                if (chunk.of() > 1 && !group.isEmpty()) {
                    commitGroup(t, group, copying);
                    groupBytes = 0;
                }
                listener.chunkStarted(chunk);
                // With checksums, the source hashes the rows as it sends them: no second scan of it.
                ChunkCopier.Format as = asText.contains(chunk.table()) ? ChunkCopier.Format.TEXT : format;
                RowHash hash = hashOf(chunk.table());
                ChunkCopier.Copied result = ChunkCopier.copy(s, t, chunk, as, stallSeconds, hash, listener::streamed,
                        !small.contains(chunk.table()));
                long rows = result.accepted();
                Checksum sent = hash != null ? result.checksum() : new Checksum(result.sent(), BigDecimal.ZERO);
                if (verify != Verify.NONE && sent.rows() != rows) {
                    copying.mismatches().add(chunk.label() + ": source has " + sent.rows() + " rows, target accepted "
                            + rows);
                }
                if (chunk.of() == 1) {
                    // A whole table waits in the open transaction for a few more: small tables cost
                    // their commits and checks more than their rows.
                    group.add(new Copied(chunk, sent, rows, result.bytes(), label(hash)));
                    groupBytes += result.bytes();
                    if (group.size() >= GROUP_TABLES || groupBytes >= GROUP_BYTES) {
                        commitGroup(t, group, copying);
                        groupBytes = 0;
                    }
                    continue;
                }
                TransferState.markDone(t, chunk, sent, label(hash));
                t.commit();
                copying.sent().put(chunk, sent);
                listener.chunkCopied(chunk, rows, result.bytes());
                if (copying.chunksLeft().get(chunk.table()).decrementAndGet() == 0) {
                    // The table is complete: check it now, beside the copies and index builds still
                    // running, rather than every table one after the other once all are copied. Its
                    // chunks are checked one by one only when the table differs, to name them.
                    long checkStart = System.nanoTime();
                    if (!TableVerification.checkTable(t, verify, hash, chunk, copying.table(chunk.table()),
                            copying.mismatches()) && hash != null) {
                        TableVerification.checkChunks(t, hash, copying.chunksOf().get(chunk.table()), copying.sent(),
                                copying.mismatches());
                    }
                    t.commit();
                    copying.verifyNanos().addAndGet(System.nanoTime() - checkStart);
                }
            }
            if (!group.isEmpty()) {
                commitGroup(t, group, copying);
            }
            s.commit();
        }
    }

    /** A whole table copied in the open transaction, not yet committed; {@code hash} as recorded. */
    private record Copied(Chunk chunk, Checksum sent, long rows, long bytes, String hash) {
    }

    /** How a table's rows are hashed for its checksum; null without checksums (or when its table is checked by counts). */
    private RowHash hashOf(String table) {
        return verify == Verify.CHECKSUMS ? hashes.forTable(table) : null;
    }

    /** How the state records a chunk's hash. */
    private static String label(RowHash hash) {
        return hash == null ? TransferState.NO_HASH : hash.label();
    }

    /**
     * Commits the whole tables copied in the open transaction together with their state rows (one
     * statement), so a resumed run redoes all of them or none; only then are they reported copied
     * (their keys may be built from then on), and all are checked in one query.
     */
    private void commitGroup(Connection t, List<Copied> group, Copying copying) throws SQLException {
        List<Chunk> chunks = group.stream().map(Copied::chunk).toList();
        List<Checksum> sent = group.stream().map(Copied::sent).toList();
        TransferState.markDone(t, chunks, sent, group.stream().map(Copied::hash).toList());
        t.commit();
        for (Copied c : group) {
            copying.sent().put(c.chunk(), c.sent());
            copying.chunksLeft().get(c.chunk().table()).decrementAndGet();
            listener.chunkCopied(c.chunk(), c.rows(), c.bytes());
        }
        long checkStart = System.nanoTime();
        TableVerification.checkTables(t, verify, hashes::forTable, chunks, sent, copying.mismatches());
        t.commit();
        copying.verifyNanos().addAndGet(System.nanoTime() - checkStart);
        group.clear();
    }

    private static long estimate(Connection source, List<Chunk> chunks) {
        try {
            return CopyPlan.estimatedRows(source, chunks);
        } catch (SQLException e) {
            return 0; // only the progress display uses it
        }
    }

    private static String export(Connection c) {
        try {
            return Snapshots.export(c);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot export a snapshot of the source: "
                    + SqlErrors.describe(e), e);
        }
    }
}
