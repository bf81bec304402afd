package io.ferry.sql;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * Reads the data lines of one COPY FROM stdin block straight from the script, stopping before the
 * {@code \.} line, which it consumes. See {@link CopyData} for the contract.
 */
final class CopyDataReader extends Reader {
    private final CharSource in;
    private final int copyLine;
    private final char[] single = new char[1];
    private boolean atLineStart = true;
    private boolean finished;
    private boolean detached;

    /**
     * @param in the script, positioned at the start of the first data line
     * @param copyLine the line of the COPY statement, for the message when the terminator is missing
     */
    CopyDataReader(CharSource in, int copyLine) {
        this.in = in;
        this.copyLine = copyLine;
    }

    @Override
    public int read(char[] dst, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (detached) {
            throw new IllegalStateException("COPY data read after ScriptReader.next() moved past it");
        }
        if (finished) {
            return -1;
        }
        int n = 0;
        while (n < len) {
            if (atLineStart && atEndOfData()) {
                break;
            }
            int r = in.readLinePart(dst, off + n, len - n);
            if (r < 0) {
                throw missingTerminator();
            }
            n += r;
            atLineStart = dst[off + n - 1] == '\n';
        }
        return n == 0 && len > 0 ? -1 : n;
    }

    @Override
    public int read() throws IOException {
        return read(single, 0, 1) < 0 ? -1 : single[0];
    }

    /** Does nothing: the script reader owns the input. */
    @Override
    public void close() {
        // The next ScriptReader.next() skips any unread data; closing must not end the whole script.
    }

    /** Reads and drops what is left of the data, including the terminator line. */
    void skipRemaining() throws IOException {
        if (finished) {
            return;
        }
        char[] scratch = new char[8192];
        while (read(scratch, 0, scratch.length) >= 0) {
            // dropped
        }
    }

    /** From now on reading fails: the script reader has moved on. */
    void detach() {
        detached = true;
    }

    private boolean atEndOfData() throws IOException {
        if (in.atCopyTerminator()) {
            in.skipLine();
            finished = true;
            return true;
        }
        if (in.peek(0) < 0) {
            throw missingTerminator();
        }
        return false;
    }

    private FerryException missingTerminator() {
        return new FerryException(ErrorCode.INPUT, "the data of COPY ... FROM stdin at line " + copyLine
                + " has no end-of-data line \\. before the end of the script");
    }
}
