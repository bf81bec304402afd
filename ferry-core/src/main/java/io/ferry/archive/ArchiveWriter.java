package io.ferry.archive;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes an archive entry by entry; see the package documentation for the layout. Not thread-safe. */
public final class ArchiveWriter implements AutoCloseable {
    static final byte[] MAGIC = "FERRYDUMP1\n".getBytes(StandardCharsets.US_ASCII);
    static final int BLOCK = 1 << 20;

    private final DataOutputStream out;

    public ArchiveWriter(OutputStream target) throws IOException {
        this.out = new DataOutputStream(new BufferedOutputStream(target, 1 << 16));
        out.write(MAGIC);
    }

    /** Starts an entry; write its payload to the returned stream and close it before the next entry. */
    public OutputStream entry(String name) throws IOException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xffff) {
            throw new IllegalArgumentException("entry name too long: " + name);
        }
        out.writeByte('E');
        out.writeShort(bytes.length);
        out.write(bytes);
        return new BlockStream();
    }

    /** Writes a whole entry at once. */
    public void entry(String name, byte[] payload) throws IOException {
        try (OutputStream entry = entry(name)) {
            entry.write(payload);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Cuts the payload into length-prefixed blocks; closing it writes the end marker. */
    private final class BlockStream extends OutputStream {
        private final byte[] buffer = new byte[BLOCK];
        private int used;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) {
                flushBlock();
            }
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            while (len > 0) {
                if (used == buffer.length) {
                    flushBlock();
                }
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(bytes, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        private void flushBlock() throws IOException {
            if (used > 0) {
                out.writeInt(used);
                out.write(buffer, 0, used);
                used = 0;
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                flushBlock();
                out.writeInt(0);
                out.flush();
            }
        }
    }
}
