package io.ferry.schema.read;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.SqlStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Foreign keys added to a throwaway database without checking its rows. Adding a foreign key makes
 * the server run a query over both tables to check the existing rows, even when the tables are
 * empty, as they are when a schema dump is loaded: in a dump of a thousand tables that is a fifth of
 * the load. So each {@code ALTER TABLE ONLY ... ADD CONSTRAINT ... FOREIGN KEY} of the file is sent
 * with {@code NOT VALID} added, and afterwards those constraints are marked valid in the catalog,
 * where the catalog reader sees them exactly as if they had been checked. That is only done because
 * the database is thrown away after it is read.
 *
 * <p>A foreign key that the file itself adds {@code NOT VALID} stays so: before such a statement,
 * the constraints added so far are marked valid, and the ones the statement leaves unvalidated are
 * remembered and never marked.
 */
final class UncheckedForeignKeys {
    /**
     * One {@code ADD CONSTRAINT ... FOREIGN KEY} on one table, as pg_dump writes them: {@code ONLY},
     * which pg_dump leaves out for partitioned tables (that refuse {@code NOT VALID}), and no comment
     * or string that could hide the end of the statement.
     */
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "(?is)ALTER\\s+TABLE\\s+ONLY\\s[^;'$]*?\\sADD\\s+CONSTRAINT\\s[^;'$]*?\\sFOREIGN\\s+KEY\\s*\\([^;'$]*");
    private static final Pattern NOT_VALID = Pattern.compile("(?i)\\bNOT\\s+VALID\\b");

    private final Connection connection;
    /** The foreign keys that the file left unvalidated: their oids. */
    private final Set<Long> unvalidated = new TreeSet<>();
    private int added;

    UncheckedForeignKeys(Connection connection) {
        this.connection = connection;
    }

    /** Whether the file itself says NOT VALID here: {@link #around} must run the statement. */
    static boolean saysNotValid(SqlStatement statement) {
        return NOT_VALID.matcher(statement.sql()).find();
    }

    /**
     * The statement to send for {@code statement}: with {@code NOT VALID} added if it adds one foreign
     * key, else {@code statement} itself.
     */
    SqlStatement unchecked(SqlStatement statement) {
        String sql = statement.sql();
        if (!FOREIGN_KEY.matcher(sql).matches() || sql.contains("--") || sql.contains("/*")
                || topLevelComma(sql) || saysNotValid(statement)) {
            return statement;
        }
        added++;
        return new SqlStatement(sql + " NOT VALID", statement.line());
    }

    /** A comma outside parentheses and quoted names: a second subcommand, which NOT VALID must not follow. */
    private static boolean topLevelComma(String sql) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code run}, a statement of the file that says NOT VALID itself: the foreign keys added
     * so far are marked valid first, and those left unvalidated after it are kept so.
     */
    void around(Runnable run) {
        markValid();
        run.run();
        unvalidated.clear();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT oid FROM pg_catalog.pg_constraint"
                     + " WHERE contype = 'f' AND NOT convalidated")) {
            while (rs.next()) {
                unvalidated.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** Marks the foreign keys added unchecked so far as valid, as checking them would have. */
    void markValid() {
        if (added == 0) {
            return;
        }
        String keep = unvalidated.stream().map(String::valueOf).collect(Collectors.joining(","));
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("UPDATE pg_catalog.pg_constraint SET convalidated = true"
                    + " WHERE contype = 'f' AND NOT convalidated AND oid <> ALL ('{" + keep + "}'::oid[])");
        } catch (SQLException e) {
            throw failed(e);
        }
        added = 0;
    }

    private static FerryException failed(SQLException e) {
        return new FerryException(ErrorCode.INTERNAL, "cannot use the throwaway database: " + e.getMessage(), e);
    }
}
