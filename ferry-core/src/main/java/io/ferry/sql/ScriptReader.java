package io.ferry.sql;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a SQL script the way psql would run it: statements, standalone backslash commands and the
 * data blocks of {@code COPY ... FROM stdin}, one {@link ScriptItem} at a time. It streams: only the
 * statement in progress is held in memory, so it can read plain pg_dump files of any size as well
 * as migration files.
 *
 * <p>How the text is split:
 * <ul>
 *   <li>A semicolon ends a statement unless it is inside a string ({@code '..'}, {@code E'..'},
 *       {@code U&'..'}, {@code B'..'}, {@code X'..'}, {@code $$..$$}, {@code $tag$..$tag$}), a
 *       quoted identifier, a comment ({@code --}, nesting {@code /* *}{@code /}), parentheses, or the
 *       {@code BEGIN ATOMIC ... END} body of a {@code CREATE FUNCTION} or {@code CREATE PROCEDURE}.
 *       The statement text leaves out the semicolon and any comments before the statement (see
 *       {@link SqlStatement}). A statement of only comments produces nothing; the last statement
 *       needs no semicolon.</li>
 *   <li>A backslash where no statement is in progress (typically at the start of a line) begins a
 *       {@link MetaCommand} that runs to the end of the line. A backslash inside a statement is left
 *       in its text: unlike psql, this reader does not run commands such as {@code \g} mid-statement.
 *       psql variables ({@code :name}, {@code :'name'}) are left untouched.</li>
 *   <li>A statement {@code COPY ... FROM STDIN} (found by its words, in any case and with any
 *       options) is followed by a {@link CopyData} item for the lines up to {@code \.}. Only blanks
 *       or a {@code --} comment may follow its semicolon on the same line. psql's own
 *       {@code \copy ... from stdin} is returned as a plain meta command; its data is not recognised.</li>
 *   <li>Line numbers count {@code '\n'}, so CRLF files number correctly; a byte-order mark at the
 *       start is skipped.</li>
 * </ul>
 *
 * <p>Plain strings are read with {@code standard_conforming_strings} on, as pg_dump sets and every
 * server since 9.1 defaults to. Malformed input (a quote, comment or COPY block that the script ends
 * inside) raises {@link FerryException} with {@link ErrorCode#INPUT} and the line it started on;
 * after that the reader is not usable. Not thread-safe.
 */
public final class ScriptReader implements Closeable {
    private final CharSource source;
    private final SqlScanner scanner;
    private boolean begun;
    /** The line of a COPY FROM stdin statement just returned, whose data is the next item; 0 if none. */
    private int pendingCopyLine;
    /** The data of the last CopyData returned, until the next call moves past it. */
    private CopyDataReader copy;

    /** Reads the script from {@code in}, which this reader buffers itself and closes in {@link #close()}. */
    public ScriptReader(Reader in) {
        this(in, CharSource.DEFAULT_CAPACITY);
    }

    /** For tests: a small buffer exercises the code that refills it. */
    ScriptReader(Reader in, int bufferCapacity) {
        this.source = new CharSource(Objects.requireNonNull(in, "in"), bufferCapacity);
        this.scanner = new SqlScanner(source);
    }

    /**
     * The next item of the script, or null at its end (and on every call after that).
     *
     * @throws FerryException with {@link ErrorCode#INPUT} if the script is malformed
     * @throws IOException if reading the input fails
     */
    public ScriptItem next() throws IOException {
        if (!begun) {
            begun = true;
            source.skipByteOrderMark();
        }
        if (copy != null) {
            copy.skipRemaining();
            copy.detach();
            copy = null;
        }
        if (pendingCopyLine > 0) {
            copy = new CopyDataReader(source, pendingCopyLine);
            pendingCopyLine = 0;
            return new CopyData(source.line(), copy);
        }
        ScriptItem item = scanner.next();
        if (item instanceof SqlStatement statement && scanner.endedCopyFromStdin()) {
            pendingCopyLine = statement.line();
        }
        return item;
    }

    /** Closes the underlying reader. */
    @Override
    public void close() throws IOException {
        source.close();
    }

    /**
     * All statements of a small script held in a string, such as a migration file; backslash
     * commands are ignored.
     *
     * @throws FerryException with {@link ErrorCode#INPUT} if the script is malformed or contains a
     *     {@code COPY ... FROM stdin} data block, which has no place in a list of statements
     */
    public static List<SqlStatement> statements(String script) {
        Objects.requireNonNull(script, "script");
        List<SqlStatement> statements = new ArrayList<>();
        try (ScriptReader reader = new ScriptReader(new StringReader(script))) {
            for (ScriptItem item = reader.next(); item != null; item = reader.next()) {
                if (item instanceof SqlStatement statement) {
                    statements.add(statement);
                } else if (item instanceof CopyData) {
                    int copyLine = statements.get(statements.size() - 1).line();
                    throw new FerryException(ErrorCode.INPUT, "COPY ... FROM stdin at line " + copyLine
                            + " is not supported here: its data cannot be run as statements");
                }
            }
        } catch (IOException e) {
            // A StringReader does not fail; this is only here because Reader's methods declare it.
            throw new UncheckedIOException(e);
        }
        return List.copyOf(statements);
    }
}
