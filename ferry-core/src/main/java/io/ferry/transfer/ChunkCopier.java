package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.sql.SQLException;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Streams one chunk from a source connection into a target connection: {@code COPY (SELECT ...) TO
 * STDOUT} on one side, {@code COPY ... FROM STDIN} on the other, buffers handed across as they come.
 * Binary format skips text parsing on the target (the dominant cost of a load) and has no 1 GB
 * text-row limit, but needs identical column types on both sides; text works everywhere.
 */
final class ChunkCopier {
    enum Format { BINARY, TEXT }

    /**
     * Rows the source sent (its COPY's count), rows the target accepted, the bytes of COPY data and,
     * when asked for, the checksum of the rows sent (else null).
     */
    record Copied(long sent, long accepted, long bytes, Checksum checksum) {
    }

    /** Rows are sent to the target in blocks of up to this many bytes. */
    private static final int BLOCK_BYTES = 256 * 1024;

    private ChunkCopier() {
    }

    /** Wakes once a second to abort copies that stopped moving; daemon, so it never keeps Ferry alive. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-copy-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * Copies the chunk; the target's part stays in the caller's transaction (a chunk that is the whole
     * table empties it there first and loads it frozen, {@link FrozenLoad}). A copy that moves no data
     * for {@code stallSeconds} has both connections aborted: a peer that stopped answering without
     * closing (a stalled proxy, a half-dead link) would otherwise block a read or a full send buffer
     * forever, and neither TCP keepalive nor a socket read timeout covers a blocked write.
     * With a {@code checksum} hash (not null), the source also hashes each row as it sends it ({@link RowHashes}), so
     * the chunk's {@link Checksum} comes with the copy, from the same scan.
     * {@code streamed} hears of every block of COPY data as it passes (for progress).
     */
    static Copied copy(Connection source, Connection target, Chunk chunk, Format format, int stallSeconds,
                       RowHash checksum, LongConsumer streamed) {
        return copy(source, target, chunk, format, stallSeconds, checksum, streamed, true);
    }

    /**
     * {@link #copy}, loading a whole table frozen only when {@code freeze}: for a table of a few pages,
     * emptying it first (a savepoint and a TRUNCATE, new files) costs more than it saves.
     */
    static Copied copy(Connection source, Connection target, Chunk chunk, Format format, int stallSeconds,
                       RowHash checksum, LongConsumer streamed, boolean freeze) {
        String options = format == Format.BINARY ? " (FORMAT binary)" : "";
        RowHashes hashes = checksum != null ? new RowHashes(format == Format.BINARY) : null;
        String out = chunk.copyOutSql(options, checksum);
        CopyOut reader = null;
        CopyIn writer = null;
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        long stallNanos = TimeUnit.SECONDS.toNanos(stallSeconds);
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastProgress.get() > stallNanos && !stalled.getAndSet(true)) {
                abortQuietly(source);
                abortQuietly(target);
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            String in = FrozenLoad.copyInSql(chunk, format == Format.BINARY, freeze && FrozenLoad.emptied(target, chunk));
            reader = source.unwrap(PGConnection.class).getCopyAPI().copyOut(out);
            writer = target.unwrap(PGConnection.class).getCopyAPI().copyIn(in);
            // The source sends one message per row; the target takes COPY data in messages of any
            // size, so rows are gathered and sent in large blocks: one message and one lock of the
            // driver per block instead of per row, on both ends.
            byte[] block = new byte[BLOCK_BYTES];
            int filled = 0;
            byte[] row;
            long bytes = 0;
            while ((row = reader.readFromCopy()) != null) {
                int length = hashes == null ? row.length : hashes.strip(row, row.length);
                if (filled + length > block.length) {
                    writer.writeToCopy(block, 0, filled);
                    lastProgress.set(System.nanoTime());
                    streamed.accept(filled);
                    filled = 0;
                }
                if (length > block.length) {
                    writer.writeToCopy(row, 0, length);
                    lastProgress.set(System.nanoTime());
                    streamed.accept(length);
                } else {
                    System.arraycopy(row, 0, block, filled, length);
                    filled += length;
                }
                bytes += length;
            }
            if (filled > 0) {
                writer.writeToCopy(block, 0, filled);
                streamed.accept(filled);
            }
            long accepted = writer.endCopy();
            return new Copied(reader.getHandledRowCount(), accepted, bytes, hashes == null ? null : hashes.checksum());
        } catch (SQLException e) {
            if (checksum != null) {
                Checksum.requireRowTextFits(e, chunk.table());
            }
            if (stalled.get()) {
                throw new FerryException(ErrorCode.CONNECTION, "copying " + chunk.label() + " stalled: no data moved "
                        + "for " + stallSeconds + " s (--stall-timeout), connections aborted; the chunks copied so far "
                        + "are recorded: rerun with --resume", e);
            }
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw new FerryException(ErrorCode.CONNECTION, "copying " + chunk.label() + " failed, the connection "
                        + "broke: " + SqlErrors.describe(e) + "; the chunks copied so far are recorded: rerun with "
                        + "--resume", e);
            }
            throw new FerryException(ErrorCode.INTERNAL, "copying " + chunk.label() + " failed: "
                    + SqlErrors.describe(e), e);
        } finally {
            watchdog.cancel(false);
            // A copy left open makes its connection unusable; cancel whatever did not finish.
            cancelQuietly(reader);
            cancelQuietly(writer);
        }
    }

    private static void abortQuietly(Connection c) {
        try {
            c.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // Already closed: nothing left to unblock.
        }
    }

    private static void cancelQuietly(org.postgresql.copy.CopyOperation copy) {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // The connection is probably gone; the caller reports the original failure.
            }
        }
    }
}
