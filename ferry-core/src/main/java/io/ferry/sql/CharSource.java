package io.ferry.sql;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * The script's characters, read through one reusable buffer, with the current line number, a few
 * characters of look-ahead, and bulk operations that hand over a run of characters at once (the
 * inside of a string or comment, the rest of a word, a COPY data line).
 *
 * <p>Lines end at {@code '\n'} only, the way psql reads its input line by line: {@code "\r\n"}
 * counts as one line break and a lone {@code '\r'} is an ordinary character. The buffer grows only
 * when a caller looks further ahead than it holds, which the scanner does just for the tag of a
 * dollar quote.
 */
final class CharSource {
    static final int DEFAULT_CAPACITY = 64 * 1024;

    private final Reader in;
    private char[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int line = 1;

    CharSource(Reader in, int capacity) {
        this.in = in;
        this.buf = new char[Math.max(4, capacity)];
    }

    /** The 1-based line of the next character to be read (so, after reading a character other than a line break, its line). */
    int line() {
        return line;
    }

    /** Consumes the next character; -1 at the end of the input. */
    int read() throws IOException {
        if (pos == limit && !fill(1)) {
            return -1;
        }
        char c = buf[pos++];
        if (c == '\n') {
            line++;
        }
        return c;
    }

    /** The character {@code ahead} positions after the next one (0 is the next one) without consuming it; -1 past the end. */
    int peek(int ahead) throws IOException {
        if (pos + ahead >= limit && !fill(ahead + 1)) {
            return -1;
        }
        return buf[pos + ahead];
    }

    /** Drops a byte-order mark, which editors on Windows like to write; call once, before reading anything. */
    void skipByteOrderMark() throws IOException {
        if (peek(0) == '\uFEFF') {
            pos++;
        }
    }

    /**
     * Consumes characters up to, not including, the next {@code a} or {@code b} (or to the end of the
     * input), appending them to {@code sb} unless it is null. The scanner uses this to take the
     * inside of a string or comment in bulk instead of one dispatch per character.
     */
    void appendUntil(TextBuffer sb, char a, char b) throws IOException {
        for (;;) {
            if (pos == limit && !fill(1)) {
                return;
            }
            int i = pos;
            int lines = 0;
            while (i < limit) {
                char c = buf[i];
                if (c == a || c == b) {
                    break;
                }
                if (c == '\n') {
                    lines++;
                }
                i++;
            }
            if (sb != null) {
                sb.append(buf, pos, i - pos);
            }
            line += lines;
            boolean found = i < limit;
            pos = i;
            if (found) {
                return;
            }
        }
    }

    /** Consumes the characters that continue an identifier or keyword, appending them to {@code sb}. */
    void appendWordPart(TextBuffer sb) throws IOException {
        for (;;) {
            if (pos == limit && !fill(1)) {
                return;
            }
            int i = pos;
            while (i < limit && SqlScanner.isWordPart(buf[i])) {
                i++;
            }
            sb.append(buf, pos, i - pos);
            boolean found = i < limit;
            pos = i;
            if (found) {
                return;
            }
        }
    }

    /**
     * Copies characters up to and including the next line break into {@code dst}, but no more than
     * {@code len} and no more than the buffer holds, so that a long line arrives in several parts.
     *
     * @return the number of characters copied (at least 1 if {@code len > 0}), or -1 at the end of the input
     */
    int readLinePart(char[] dst, int off, int len) throws IOException {
        if (pos == limit && !fill(1)) {
            return -1;
        }
        int end = Math.min(limit, pos + len);
        int i = pos;
        while (i < end && buf[i] != '\n') {
            i++;
        }
        if (i < end) {
            i++;
            line++;
        }
        int n = i - pos;
        System.arraycopy(buf, pos, dst, off, n);
        pos = i;
        return n;
    }

    /**
     * Whether the next line is the end-of-data marker of a COPY block: exactly {@code \.}, ended by
     * {@code "\n"}, {@code "\r\n"} or the end of the input.
     */
    boolean atCopyTerminator() throws IOException {
        if (peek(0) != '\\' || peek(1) != '.') {
            return false;
        }
        int c = peek(2);
        if (c < 0 || c == '\n') {
            return true;
        }
        return c == '\r' && (peek(3) < 0 || peek(3) == '\n');
    }

    /** Consumes the rest of the current line including its line break. */
    void skipLine() throws IOException {
        for (int c = read(); c >= 0 && c != '\n'; c = read()) {
            // nothing to keep
        }
    }

    /** Makes at least {@code n} characters available from {@code pos}; false if the input ends first. */
    private boolean fill(int n) throws IOException {
        while (limit - pos < n) {
            if (eof) {
                return false;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return true;
    }

    void close() throws IOException {
        in.close();
    }
}
