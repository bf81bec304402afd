package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.SqlErrors;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * One {@code COPY table (columns) FROM STDIN} in PostgreSQL's text format, fed row by row. Values are
 * escaped as the text format requires (backslash, tab, newline, carriage return), {@code null} is
 * written as {@code \N}, and rows are buffered and sent in blocks of about 64 KB. Each row must have
 * exactly as many fields as columns were named; a mismatch is a programming error and fails at once.
 */
final class CopyStream implements AutoCloseable {
    private static final int FLUSH_AT = 1 << 16;

    private final String table;
    private final int columns;
    private final int keep;
    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
    private int fields;
    private boolean closed;
    private long rows;

    CopyStream(CopyManager manager, String table, String... columns) {
        this(manager, table, columns.length, columns);
    }

    /**
     * Copies only the first {@code keep} of {@code columns}: rows are still written with every field,
     * and the later ones are dropped. That lets one writer serve tables that exist in older shapes
     * with fewer (trailing) columns.
     */
    CopyStream(CopyManager manager, String table, int keep, String... columns) {
        this.table = table;
        this.columns = columns.length;
        this.keep = keep;
        try {
            this.copy = manager.copyIn("COPY " + table + " ("
                    + String.join(", ", java.util.Arrays.copyOf(columns, keep)) + ") FROM STDIN");
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    CopyStream text(String value) {
        if (!separate()) {
            return this;
        }
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        // Nearly every value needs no escape: copied whole, it costs one array copy instead of an
        // append per character (the generator's hottest loop).
        int first = firstToEscape(value);
        if (first < 0) {
            buffer.append(value);
            return this;
        }
        buffer.append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
        return this;
    }

    private static int firstToEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    CopyStream number(long value) {
        if (!separate()) {
            return this;
        }
        buffer.append(value);
        return this;
    }

    CopyStream bool(Boolean value) {
        if (!separate()) {
            return this;
        }
        buffer.append(value == null ? "\\N" : value ? "t" : "f");
        return this;
    }

    /** A timestamp given as seconds since 1970 (UTC, no zone: the columns are timestamp without time zone). */
    CopyStream time(long epochSeconds) {
        if (!separate()) {
            return this;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
        buffer.append(t.getYear()).append('-');
        pad(t.getMonthValue()).append('-');
        pad(t.getDayOfMonth()).append(' ');
        pad(t.getHour()).append(':');
        pad(t.getMinute()).append(':');
        pad(t.getSecond());
        return this;
    }

    private StringBuilder pad(int twoDigits) {
        return buffer.append((char) ('0' + twoDigits / 10)).append((char) ('0' + twoDigits % 10));
    }

    CopyStream nul() {
        if (!separate()) {
            return this;
        }
        buffer.append("\\N");
        return this;
    }

    /** Ends the current row. */
    void end() {
        if (fields != columns) {
            throw new IllegalStateException(table + ": row with " + fields + " fields for " + columns + " columns");
        }
        buffer.append('\n');
        fields = 0;
        rows++;
        if (buffer.length() >= FLUSH_AT) {
            flush();
        }
    }

    /** How many fields each row must have. */
    int columns() {
        return columns;
    }

    long rows() {
        return rows;
    }

    /** Starts the next field; false when the field is past the copied columns and must be dropped. */
    private boolean separate() {
        int field = fields++;
        if (field >= keep) {
            return false;
        }
        if (field > 0) {
            buffer.append('\t');
        }
        return true;
    }

    private void flush() {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Sends what is buffered and finishes the COPY (once; later calls do nothing). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
            copy.endCopy();
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the connection is failing anyway; the first error is the one to report
                }
            }
        }
    }

    private FerryException failure(SQLException e) {
        return new FerryException(ErrorCode.INTERNAL, "generate: COPY into " + table + ": " + SqlErrors.describe(e), e);
    }
}
