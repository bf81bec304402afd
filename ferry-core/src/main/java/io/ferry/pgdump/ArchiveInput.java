package io.ferry.pgdump;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The archive's primitive values. An integer is a sign byte (non-zero for negative) followed by
 * {@code intSize} bytes of magnitude, least significant first; a string is its length as an integer
 * (negative for NULL) followed by that many bytes; an offset is a flag byte followed by
 * {@code offSize} bytes, least significant first.
 */
final class ArchiveInput {
    /** The offset flag of a data block whose position was written. */
    static final int OFFSET_SET = 2;

    private final InputStream in;
    private int intSize = 4;
    private int offSize = 8;
    private long position;

    ArchiveInput(InputStream in) {
        this.in = in;
    }

    void sizes(int intSize, int offSize) {
        this.intSize = intSize;
        this.offSize = offSize;
    }

    long position() {
        return position;
    }

    int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the archive ends unexpectedly (truncated?)");
        }
        position++;
        return b;
    }

    byte[] readBytes(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        position += bytes.length;
        if (bytes.length < n) {
            throw new EOFException("the archive ends unexpectedly (truncated?)");
        }
        return bytes;
    }

    int readInt() throws IOException {
        boolean negative = readByte() != 0;
        long value = 0;
        for (int i = 0; i < intSize; i++) {
            long b = readByte();
            if (i < 4) {
                value |= b << (8 * i);
            } else if (b != 0) {
                throw new IOException("an integer of the archive is out of range");
            }
        }
        if (value > Integer.MAX_VALUE) {
            throw new IOException("an integer of the archive is out of range");
        }
        return (int) (negative ? -value : value);
    }

    /** A string, or null where the archive stores NULL. */
    String readString() throws IOException {
        int length = readInt();
        if (length < 0) {
            return null;
        }
        return new String(readBytes(length), StandardCharsets.UTF_8);
    }

    /** A data block's position, or -1 when the archive does not know it (written to a pipe, or no data). */
    long readOffset() throws IOException {
        int flag = readByte();
        long value = 0;
        for (int i = 0; i < offSize; i++) {
            value |= ((long) readByte()) << (8 * i);
        }
        return flag == OFFSET_SET ? value : -1;
    }
}
