package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
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

    /** Rows the source sent (its COPY's count), rows the target accepted, and the bytes of COPY data. */
    record Copied(long sent, long accepted, long bytes) {
    }

    private ChunkCopier() {
    }

    /** Copies the chunk; the target's part stays in the caller's transaction. */
    static Copied copy(Connection source, Connection target, Chunk chunk, Format format, LongConsumer streamed) {
        String options = format == Format.BINARY ? " (FORMAT binary)" : "";
        String out = chunk.predicate() == null
                ? "COPY " + chunk.table() + " (" + chunk.columnList() + ") TO STDOUT" + options
                : "COPY (" + chunk.selectSql() + ") TO STDOUT" + options;
        String in = "COPY " + chunk.table() + " (" + chunk.columnList() + ") FROM STDIN" + options;
        CopyOut reader = null;
        CopyIn writer = null;
        try {
            reader = source.unwrap(PGConnection.class).getCopyAPI().copyOut(out);
            writer = target.unwrap(PGConnection.class).getCopyAPI().copyIn(in);
            byte[] buffer;
            long bytes = 0;
            while ((buffer = reader.readFromCopy()) != null) {
                writer.writeToCopy(buffer, 0, buffer.length);
                bytes += buffer.length;
                streamed.accept(buffer.length);
            }
            long accepted = writer.endCopy();
            return new Copied(reader.getHandledRowCount(), accepted, bytes);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "copying " + chunk.label() + " failed: "
                    + SqlErrors.describe(e), e);
        } finally {
            // A copy left open makes its connection unusable; cancel whatever did not finish.
            cancelQuietly(reader);
            cancelQuietly(writer);
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
