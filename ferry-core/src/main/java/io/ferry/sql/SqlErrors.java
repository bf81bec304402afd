package io.ferry.sql;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** One-line descriptions of server errors, in psql's words: {@code ERROR 42P01: relation "x" does not exist}. */
public final class SqlErrors {
    private SqlErrors() {
    }

    public static String describe(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server != null && server.getMessage() != null) {
            String severity = server.getSeverity() == null ? "ERROR" : server.getSeverity();
            return severity + " " + server.getSQLState() + ": " + server.getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return e.getSQLState() == null ? first : "ERROR " + e.getSQLState() + ": " + first;
    }

    /**
     * The 0-based line, within the statement text, of the position the server blamed, or 0 when the
     * server gave no position.
     */
    public static int lineWithin(SQLException e, String statement) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null || server.getPosition() <= 0) {
            return 0;
        }
        int end = Math.min(server.getPosition() - 1, statement.length());
        int lines = 0;
        for (int i = 0; i < end; i++) {
            if (statement.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /**
     * Whether a failure (or one of its causes) is a full disk: the server's SQLSTATE 53100, or the
     * operating system's ENOSPC text, which is all a local file write or a dying backend leaves.
     */
    public static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "53100".equals(s.getSQLState())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE of an error (or of its cause chain), or null. */
    public static String state(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
