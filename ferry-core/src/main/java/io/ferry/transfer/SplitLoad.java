package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Workers;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * Loads one big table of an archive over several connections at once. The table's rows are one
 * stream in the archive, read (and decompressed) by one thread; the server's COPY, which parses and
 * stores them, is the slow part and runs on one core per connection. So the stream is cut at row
 * ends (in COPY's text format a raw newline always ends a row: newlines inside values are written
 * {@code \n}) into pieces of a few MB, which a bounded queue hands to several COPYs of the same
 * table, each piece in its own transaction. Pieces cannot share a transaction, so the table loads
 * without FREEZE and is recorded as loaded only once every piece is in and the rows loaded equal
 * the rows read; a table not recorded is emptied before it loads again.
 */
final class SplitLoad {
    /** Tables with at least this much data in the archive (as stored, compressed) are split. */
    static long splitBytes = 8L << 20;
    /** About how big a piece is: big enough that a COPY's start costs nothing, small enough to keep memory low. */
    static int pieceBytes = 4 << 20;

    /** The first {@code length} bytes of {@code bytes}: whole rows. */
    private record Piece(byte[] bytes, int length) {
    }

    private static final Piece END = new Piece(new byte[0], 0);

    private SplitLoad() {
    }

    /** Whether a table of {@code bytes} in the archive is split, with {@code connections} to load it. */
    static boolean applies(long bytes, int connections) {
        return connections > 1 && bytes >= splitBytes;
    }

    /**
     * Empties the table (committed), for rows an earlier attempt left behind: pieces commit one by
     * one, so a failed split load leaves some. DELETE where a foreign key forbids TRUNCATE.
     */
    static void empty(Connection t, Chunk chunk) throws SQLException {
        Savepoint before = t.setSavepoint();
        try (Statement st = t.createStatement()) {
            try {
                st.execute("TRUNCATE ONLY " + chunk.table());
            } catch (SQLException e) {
                t.rollback(before);
                st.execute("DELETE FROM ONLY " + chunk.table());
            }
        }
        t.commit();
    }

    /** What a split load did. */
    record Result(long rows, int pieces, int connections) {
    }

    /**
     * Loads the rows of {@code in} into the chunk's (whole) table over up to {@code connections}
     * connections, each piece committed alone; returns the rows loaded. The caller has emptied the
     * table and compares the rows with the rows read.
     *
     * @param name how messages name the archive
     */
    static Result load(ConnectionSpec target, Chunk chunk, InputStream in, int connections, String name) {
        BlockingQueue<Piece> pieces = new ArrayBlockingQueue<>(connections);
        // Buffers whose piece is loaded, filled again: memory stays at a few pieces per connection.
        BlockingQueue<byte[]> spare = new LinkedBlockingQueue<>();
        AtomicLong rows = new AtomicLong();
        AtomicInteger count = new AtomicInteger();
        AtomicInteger used = new AtomicInteger();
        String sql = FrozenLoad.copyInSql(chunk, false, false);
        List<Workers.Body> tasks = new ArrayList<>();
        tasks.add(() -> {
            cut(in, pieces, spare);
            for (int i = 0; i < connections; i++) {
                pieces.put(END);
            }
        });
        for (int i = 0; i < connections; i++) {
            tasks.add(() -> {
                try (Connection t = target.open()) {
                    SessionSettings.apply(t);
                    SessionSettings.forWriting(t);
                    boolean loaded = false;
                    Piece piece;
                    while ((piece = pieces.take()) != END) {
                        try {
                            rows.addAndGet(t.unwrap(PGConnection.class).getCopyAPI().copyIn(sql,
                                    new ByteArrayInputStream(piece.bytes(), 0, piece.length()), 1 << 16));
                        } catch (SQLException | IOException e) {
                            String why = e instanceof SQLException s ? SqlErrors.describe(s) : e.getMessage();
                            throw new FerryException(ErrorCode.INPUT, name + ": cannot load " + chunk.label() + ": "
                                    + why, e);
                        }
                        spare.offer(piece.bytes());
                        count.incrementAndGet();
                        if (!loaded) {
                            loaded = true;
                            used.incrementAndGet();
                        }
                    }
                }
            });
        }
        Workers.run("load-pieces", tasks.size(), tasks, pieces::clear);
        return new Result(rows.get(), count.get(), used.get());
    }

    /** Reads {@code in} to its end, handing it on in pieces that each end with a row's end (but the last, maybe). */
    private static void cut(InputStream in, BlockingQueue<Piece> pieces, BlockingQueue<byte[]> spare)
            throws IOException, InterruptedException {
        byte[] buffer = buffer(spare, 0);
        int filled = 0;
        int n;
        while ((n = in.read(buffer, filled, buffer.length - filled)) >= 0) {
            filled += n;
            if (filled < buffer.length) {
                continue;
            }
            int end = filled - 1;
            while (end >= 0 && buffer[end] != '\n') {
                end--;
            }
            if (end < 0) {
                // One row longer than a piece: the piece grows to hold it.
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
                continue;
            }
            byte[] next = buffer(spare, filled - end - 1);
            System.arraycopy(buffer, end + 1, next, 0, filled - end - 1);
            pieces.put(new Piece(buffer, end + 1));
            filled -= end + 1;
            buffer = next;
        }
        if (filled > 0) {
            pieces.put(new Piece(buffer, filled));
        }
    }

    /** A spare buffer, or a new one, of a piece's size and at least {@code least} bytes. */
    private static byte[] buffer(BlockingQueue<byte[]> spare, int least) {
        byte[] buffer = spare.poll();
        return buffer != null && buffer.length >= least ? buffer : new byte[Math.max(pieceBytes, least)];
    }
}
