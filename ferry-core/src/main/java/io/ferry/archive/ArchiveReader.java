package io.ferry.archive;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an archive entry by entry, as a stream (standard input works). Each entry's payload must be
 * read, or is skipped, before the next call to {@link #next()}.
 */
public final class ArchiveReader implements AutoCloseable {
    /** An entry: its name and its payload. */
    public record Entry(String name, InputStream payload) {
    }

    private final DataInputStream in;
    private final String source;
    private BlockInput current;

    /** @param source how messages name the archive */
    public ArchiveReader(InputStream input, String source) throws IOException {
        this.in = new DataInputStream(new BufferedInputStream(input, 1 << 16));
        this.source = source;
        byte[] magic = new byte[ArchiveWriter.MAGIC.length];
        int read = in.readNBytes(magic, 0, magic.length);
        if (read != magic.length || !Arrays.equals(magic, ArchiveWriter.MAGIC)) {
            throw new FerryException(ErrorCode.INPUT, source + " is not a Ferry dump archive");
        }
    }

    /** The next entry, or null at the end of the archive. */
    public Entry next() throws IOException {
        if (current != null) {
            current.skipRest();
            current = null;
        }
        int marker = in.read();
        if (marker < 0) {
            return null;
        }
        if (marker != 'E') {
            throw new FerryException(ErrorCode.INPUT, source + " is corrupt: expected an entry, found byte " + marker);
        }
        try {
            int length = in.readUnsignedShort();
            String name = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            current = new BlockInput(in, source, name);
            return new Entry(name, current);
        } catch (EOFException e) {
            throw truncated(source, e);
        }
    }

    static FerryException truncated(String source, Exception cause) {
        return new FerryException(ErrorCode.INPUT, source + " ends in the middle of an entry (truncated?)", cause);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The payload of one entry: its blocks, one after the other, up to the end marker. */
    static final class BlockInput extends InputStream {
        private final DataInputStream in;
        private final String source;
        private final String name;
        private int left;
        private boolean ended;

        BlockInput(DataInputStream in, String source, String name) {
            this.in = in;
            this.source = source;
            this.name = name;
        }

        private boolean nextBlock() throws IOException {
            while (left == 0 && !ended) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    throw truncated(source + " (entry " + name + ")", e);
                }
                if (length < 0) {
                    throw new FerryException(ErrorCode.INPUT, source + " is corrupt in entry " + name);
                }
                if (length == 0) {
                    ended = true;
                } else {
                    left = length;
                }
            }
            return !ended;
        }

        @Override
        public int read() throws IOException {
            if (!nextBlock()) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw truncated(source + " (entry " + name + ")", null);
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!nextBlock()) {
                return -1;
            }
            int n = in.read(buffer, off, Math.min(len, left));
            if (n < 0) {
                throw truncated(source + " (entry " + name + ")", null);
            }
            left -= n;
            return n;
        }

        void skipRest() throws IOException {
            while (nextBlock()) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw truncated(source + " (entry " + name + ")", null);
                    }
                    skipped = 1;
                }
                left -= (int) skipped;
            }
        }

        @Override
        public void close() {
            // The archive owns the underlying stream; the rest is skipped by ArchiveReader.next().
        }
    }
}
