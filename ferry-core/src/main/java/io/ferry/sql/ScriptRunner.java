package io.ferry.sql;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.postgresql.PGConnection;

/**
 * Runs a SQL script the way {@code psql -v ON_ERROR_STOP=1 -f} would, on one JDBC connection:
 * statements one by one, {@code COPY ... FROM stdin} data streamed through pgjdbc's CopyManager, and
 * the psql meta commands that pg_dump writes (restrict and unrestrict, {@code \set},
 * {@code \encoding}, {@code \connect} to the same database) accepted without effect. Anything else a
 * script would need psql for is an error naming the file and line, as is the first failing statement.
 * Transactions are the script's business: the connection is used as it is given.
 */
public final class ScriptRunner {
    /** Meta commands that change nothing for a script run on one connection. */
    private static final Set<String> HARMLESS = Set.of("restrict", "unrestrict", "set", "unset", "encoding",
            "echo", "qecho", "pset", "timing");

    /** Decides which COPY blocks load, and hears how many rows each loaded. */
    public interface CopyListener {
        /** Loads everything, says nothing. */
        CopyListener ALL = new CopyListener() {
        };

        /** Whether to load the data of a COPY into {@code table} ({@code schema.table} as written, unquoted). */
        default boolean load(String table) {
            return true;
        }

        default void loaded(String table, long rows) {
        }

        default void skipped(String table) {
        }
    }

    private final Connection connection;
    private final String name;
    private final CopyListener copies;

    /** @param name how errors name the script, e.g. its file name */
    public ScriptRunner(Connection connection, String name) {
        this(connection, name, CopyListener.ALL);
    }

    public ScriptRunner(Connection connection, String name, CopyListener copies) {
        this.connection = connection;
        this.name = name;
        this.copies = copies;
    }

    /** Opens a {@code .sql} or {@code .sql.gz} file as UTF-8 text (gzip recognised by its magic bytes). */
    public static Reader open(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            in = new java.io.BufferedInputStream(in, 1 << 16);
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new FerryException(ErrorCode.INPUT, "file " + file + " does not exist", e);
        } catch (ZipException e) {
            throw new FerryException(ErrorCode.INPUT, file + " is not a valid gzip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decompresses a gzip stream, with a clear error when it is not gzip data. */
    public static InputStream gunzip(InputStream in, String name) {
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, name + " is not a valid gzip file: " + e.getMessage(), e);
        }
    }

    /** Runs a whole script; returns the number of statements executed. */
    public long run(Reader script) {
        long statements = 0;
        try (ScriptReader reader = new ScriptReader(script); Statement st = connection.createStatement()) {
            st.setEscapeProcessing(false);
            ScriptItem item;
            String copySql = null;
            int copyLine = 0;
            while ((item = next(reader)) != null) {
                if (item instanceof SqlStatement s) {
                    if (isCopyFromStdin(s.sql())) {
                        copySql = s.sql();
                        copyLine = s.line();
                        continue;
                    }
                    execute(st, s.sql(), s.line());
                    statements++;
                } else if (item instanceof CopyData data) {
                    String table = copyTarget(copySql);
                    if (copies.load(table)) {
                        copies.loaded(table, copyIn(copySql, copyLine, data.reader()));
                        statements++;
                    } else {
                        copies.skipped(table); // the reader skips the unread data itself
                    }
                    copySql = null;
                } else if (item instanceof MetaCommand meta) {
                    checkMeta(meta);
                }
            }
            return statements;
        } catch (ZipException e) {
            throw new FerryException(ErrorCode.INPUT, name + ": corrupt gzip data: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new FerryException(ErrorCode.INPUT, name + ": the file ends unexpectedly (truncated?)", e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + name + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, name + ": " + SqlErrors.describe(e), e);
        }
    }

    /** The reader's next item; what it cannot parse is reported with the script's name. */
    private ScriptItem next(ScriptReader reader) throws IOException {
        try {
            return reader.next();
        } catch (FerryException e) {
            throw new FerryException(e.code(), name + ": " + e.getMessage(), e);
        }
    }

    private static boolean isCopyFromStdin(String sql) {
        String s = sql.toLowerCase(java.util.Locale.ROOT);
        return s.startsWith("copy ") && s.matches("(?s).*\\bfrom\\s+stdin\\b.*");
    }

    private void execute(Statement st, String sql, int line) {
        try {
            st.execute(sql);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INPUT, name + ":" + (line + SqlErrors.lineWithin(e, sql)) + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    /**
     * The table a {@code COPY} statement names, as {@code schema.table} with quotes removed (and
     * unquoted parts folded to lower case, as the server does).
     */
    static String copyTarget(String copySql) {
        int i = 4; // after "COPY"
        int n = copySql.length();
        StringBuilder name = new StringBuilder();
        while (i < n && Character.isWhitespace(copySql.charAt(i))) {
            i++;
        }
        while (i < n) {
            char c = copySql.charAt(i);
            if (c == '"') {
                i++;
                while (i < n) {
                    if (copySql.charAt(i) == '"') {
                        if (i + 1 < n && copySql.charAt(i + 1) == '"') {
                            name.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    name.append(copySql.charAt(i++));
                }
            } else if (c == '.') {
                name.append('.');
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                name.append(Character.toLowerCase(c));
                i++;
            } else {
                break;
            }
        }
        return name.toString();
    }

    private long copyIn(String copySql, int line, Reader data) throws IOException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, data, 1 << 16);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INPUT, name + ":" + line + ": " + SqlErrors.describe(e), e);
        }
    }

    private void checkMeta(MetaCommand meta) throws SQLException {
        String command = meta.name();
        if (HARMLESS.contains(command)) {
            return;
        }
        if (command.equals("connect") || command.equals("c")) {
            String target = meta.argument().strip().split("\\s+")[0].replace("\"", "");
            if (target.isEmpty() || target.equals("-") || target.equals(connection.getCatalog())) {
                return;
            }
            throw new FerryException(ErrorCode.INPUT, name + ":" + meta.line() + ": the script switches to database "
                    + target + " (\\connect); load each database's part separately");
        }
        throw new FerryException(ErrorCode.INPUT, name + ":" + meta.line() + ": psql command \\" + command
                + " is not supported in a script Ferry runs");
    }
}
