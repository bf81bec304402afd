package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Takes a chunk's {@link Checksum} on the source while its rows stream to the target, instead of
 * reading them a second time: the source's COPY query returns each row with one more column, the
 * hash {@link Checksum} sums (the {@link RowHash} of the row's text, computed by the source
 * server exactly as {@link Checksum#of} does), and {@link #strip} takes that column off each row,
 * in place, before the row goes on. Knows the two COPY formats: text (a row is one line, the hash
 * its last tab-separated field) and binary (a header before the first row, then per row a field
 * count and length-prefixed fields, the hash an 8-byte integer; a trailer of -1 at the end).
 */
final class RowHashes {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final boolean binary;
    private boolean headerSeen;
    private long rows;
    /** The sum of the hashes as a signed 128-bit number: {@code high * 2^64 + unsigned(low)}. */
    private long low;
    private long high;

    RowHashes(boolean binary) {
        this.binary = binary;
    }

    /** The COPY statement that sends the rows of {@code select}, each followed by its hash. */
    static String copyOut(String select, String options, RowHash hash) {
        return "COPY (SELECT r.*, " + hash.of("r") + " FROM (" + select + ") r) TO STDOUT" + options;
    }

    /**
     * Takes the hash off the row (or rows) in {@code data[0, length)}, adding it to the sum, and
     * returns the length of what is left to send.
     */
    int strip(byte[] data, int length) {
        return binary ? stripBinary(data, length) : stripText(data, length);
    }

    /** The rows seen and the sum of their hashes. */
    Checksum checksum() {
        BigInteger sum = BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
        return new Checksum(rows, new BigDecimal(sum));
    }

    private int stripText(byte[] data, int length) {
        // One line: fields separated by tabs, ending in a newline; the hash is the last field and,
        // being digits, is never escaped.
        int end = length - 1;
        if (end < 0 || data[end] != '\n') {
            throw broken("a text row does not end with a newline");
        }
        int tab = end - 1;
        while (tab >= 0 && data[tab] != '\t') {
            tab--;
        }
        if (tab < 0) {
            throw broken("a text row has no hash field");
        }
        add(Long.parseLong(new String(data, tab + 1, end - tab - 1, java.nio.charset.StandardCharsets.US_ASCII)));
        data[tab] = '\n';
        return tab + 1;
    }

    private int stripBinary(byte[] data, int length) {
        int read = 0;
        int write = 0;
        if (!headerSeen) {
            for (int i = 0; i < SIGNATURE.length; i++) {
                if (length <= i || data[i] != SIGNATURE[i]) {
                    throw broken("no binary COPY header");
                }
            }
            read = SIGNATURE.length + 8 + readInt(data, SIGNATURE.length + 4, length);
            write = read;
            headerSeen = true;
        }
        while (read < length) {
            int fields = readShort(data, read, length);
            if (fields == -1) { // the trailer
                data[write++] = data[read++];
                data[write++] = data[read++];
                continue;
            }
            if (fields < 1) {
                throw broken("a binary row has " + fields + " fields");
            }
            int start = read;
            int at = read + 2;
            for (int i = 0; i < fields - 1; i++) {
                int size = readInt(data, at, length);
                at += 4 + Math.max(size, 0);
            }
            if (readInt(data, at, length) != 8) {
                throw broken("a binary row's hash is not 8 bytes");
            }
            add(readLong(data, at + 4, length));
            int kept = at - start;
            System.arraycopy(data, start, data, write, kept);
            data[write] = (byte) ((fields - 1) >> 8);
            data[write + 1] = (byte) (fields - 1);
            write += kept;
            read = at + 12;
        }
        return write;
    }

    private void add(long hash) {
        rows++;
        long sum = low + hash;
        // Carry out of the low 64 bits (unsigned), plus the hash's sign extended into the high part.
        high += (hash >> 63) + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
        low = sum;
    }

    private static int readShort(byte[] b, int at, int length) {
        need(at + 2, length);
        return (short) (((b[at] & 0xff) << 8) | (b[at + 1] & 0xff));
    }

    private static int readInt(byte[] b, int at, int length) {
        need(at + 4, length);
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static long readLong(byte[] b, int at, int length) {
        need(at + 8, length);
        return ((long) readInt(b, at, length) << 32) | (readInt(b, at + 4, length) & 0xffffffffL);
    }

    private static void need(int end, int length) {
        if (end > length) {
            throw broken("a binary row ends early");
        }
    }

    private static FerryException broken(String what) {
        return new FerryException(ErrorCode.INTERNAL, "unexpected COPY data from the source while checksumming: " + what);
    }
}
