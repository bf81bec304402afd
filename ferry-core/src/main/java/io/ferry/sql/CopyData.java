package io.ferry.sql;

import java.io.Reader;

/**
 * The data lines of a {@code COPY ... FROM stdin} block. It is the item right after the
 * {@link SqlStatement} of the COPY itself.
 *
 * <p>{@link #reader()} streams the lines verbatim, each with its line break as written (a
 * {@code "\r\n"} ending stays {@code "\r\n"}), up to but not including the terminator line
 * {@code \.}. Nothing in the data is interpreted: semicolons, quotes, dollar signs, backslashes and
 * tabs pass through unchanged. The data is not held in memory; the reader pulls it from the script
 * as it is read. It must therefore be consumed (or abandoned) before the next call to
 * {@link ScriptReader#next()}, which skips whatever was left unread; after that call the reader
 * throws {@link IllegalStateException}.
 *
 * <p>If the script ends before the terminator line, reading (or skipping) the data throws
 * {@link io.ferry.FerryException} with {@link io.ferry.ErrorCode#INPUT}, naming the line of the
 * COPY statement.
 */
public final class CopyData implements ScriptItem {
    private final int line;
    private final Reader reader;

    CopyData(int line, Reader reader) {
        this.line = line;
        this.reader = reader;
    }

    /** The 1-based line of the first data line (the line after the COPY statement). */
    public int line() {
        return line;
    }

    /**
     * The data, one line after another. Closing this reader does nothing: the {@link ScriptReader}
     * owns the input.
     */
    public Reader reader() {
        return reader;
    }

    @Override
    public String toString() {
        return "CopyData[line=" + line + "]";
    }
}
