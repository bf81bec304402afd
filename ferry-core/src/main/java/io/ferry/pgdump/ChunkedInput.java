package io.ferry.pgdump;

import java.io.IOException;
import java.io.InputStream;

/**
 * A custom archive's data block: chunks, each its length as an archive integer followed by that
 * many bytes, up to a chunk of length zero. The bytes are the (maybe compressed) data stream.
 */
final class ChunkedInput extends InputStream {
    private final ArchiveInput in;
    private final InputStream underlying;
    private int left;
    private boolean ended;

    ChunkedInput(ArchiveInput in, InputStream underlying) {
        this.in = in;
        this.underlying = underlying;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (left == 0) {
            if (ended) {
                return -1;
            }
            left = in.readInt();
            if (left < 0) {
                throw new IOException("a data chunk has length " + left + " (corrupt?)");
            }
            ended = left == 0;
        }
        byte[] bytes = in.readBytes(Math.min(len, left));
        System.arraycopy(bytes, 0, b, off, bytes.length);
        left -= bytes.length;
        return bytes.length;
    }

    void skipAll() throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (read(buffer, 0, buffer.length) >= 0) {
            // walking past another entry's block
        }
    }

    @Override
    public void close() throws IOException {
        underlying.close();
    }
}
