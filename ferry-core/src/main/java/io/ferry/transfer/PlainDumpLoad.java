package io.ferry.transfer;

import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.ScriptRunner;
import io.ferry.sql.SqlErrors;
import io.ferry.sql.Transactions;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Loads a plain {@code pg_dump} file ({@code .sql} or {@code .sql.gz}) as the runbook does with
 * {@code gunzip -c | psql}, but safely: one connection, one transaction (a truncated or failing file
 * leaves the target as it was), {@code session_replication_role = replica} set on that same
 * connection when the role may set it, and {@code --exclude-table-data} tables kept as structure only.
 */
public final class PlainDumpLoad {
    /** What was loaded. */
    public record Result(Map<String, Long> rowsByTable, List<String> structureOnly, boolean triggersOff,
                         long statements) {
    }

    private PlainDumpLoad() {
    }

    public static Result load(ConnectionSpec target, Reader dump, String name, TransferOptions options,
                              Consumer<String> log) {
        try (Connection c = target.open()) {
            if (options.clean()) {
                log.accept("cleaned the target (dropped schemas " + String.join(", ", TargetDatabase.clean(c)) + ")");
            } else {
                TargetDatabase.requireEmpty(c, target.display());
            }
            boolean triggersOff = replicaRole(c, log);
            Map<String, Long> rows = new LinkedHashMap<>();
            List<String> skipped = new ArrayList<>();
            c.setAutoCommit(false);
            long statements;
            try {
                statements = new ScriptRunner(c, name, new ScriptRunner.CopyListener() {
                    @Override
                    public boolean load(String table) {
                        int dot = table.indexOf('.');
                        return dot < 0 ? !options.excludesData("public", table)
                                : !options.excludesData(table.substring(0, dot), table.substring(dot + 1));
                    }

                    @Override
                    public void loaded(String table, long count) {
                        rows.merge(table, count, Long::sum);
                        log.accept("  " + table + ": " + Counts.of(count, "row"));
                    }

                    @Override
                    public void skipped(String table) {
                        skipped.add(table);
                        log.accept("  " + table + ": structure only (--exclude-table-data)");
                    }
                }).run(dump);
                c.commit();
            } catch (RuntimeException e) {
                Transactions.rollbackAfter(c, e);
                throw e;
            }
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.INTERNAL, name + " is loaded and committed, but ANALYZE failed "
                        + "afterwards: " + SqlErrors.describe(e), e);
            }
            return new Result(rows, skipped, triggersOff, statements);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "load into " + target.display() + " failed: "
                    + SqlErrors.describe(e), e);
        } finally {
            try {
                dump.close();
            } catch (IOException e) {
                log.accept("note: closing " + name + " failed: " + e.getMessage());
            }
        }
    }

    /**
     * Turns off FK checks and triggers for this session only. It needs a superuser, or on PostgreSQL
     * 15 and later {@code GRANT SET ON PARAMETER session_replication_role}; without it the load goes on,
     * since pg_dump writes keys and triggers after the data anyway.
     */
    private static boolean replicaRole(Connection c, Consumer<String> log) {
        try (Statement st = c.createStatement()) {
            st.execute("SET session_replication_role = replica");
            return true;
        } catch (SQLException e) {
            log.accept("note: cannot set session_replication_role (" + SqlErrors.describe(e) + "); loading with "
                    + "triggers on, which pg_dump's order (keys and triggers after the data) allows");
            return false;
        }
    }
}
