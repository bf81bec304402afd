package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Table;
import io.ferry.schema.read.CatalogReader;
import io.ferry.sql.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Readies the target of a transfer or an archive load: fresh (empty or cleaned) or resumed. */
final class TargetSetup {
    /** Supplies the copy plan; called only for a fresh start. */
    interface PlanSupplier {
        List<Chunk> get() throws SQLException;
    }

    private TargetSetup() {
    }

    /**
     * Statements of the pre-data script (or of ownership changes) per transaction when the script is
     * larger than this. Each table a statement makes or changes holds a few locks until the commit, and
     * the server's lock table (max_locks_per_transaction times max_connections: 6,400 by default) is
     * too small for one transaction over a DataStore's thousands of tables.
     */
    static final int STATEMENTS_PER_TRANSACTION = 1000;

    /**
     * On a fresh target: runs the pre-data script and records the copy plan, in one transaction, so a
     * crash leaves either nothing or a complete starting point. A script of more than
     * {@link #STATEMENTS_PER_TRANSACTION} statements runs in several transactions, the plan recorded
     * in the last: a crash before it leaves tables but no transfer to resume, and the target is
     * cleaned to start again ({@code --clean}). With {@code --resume} and a recorded transfer: does
     * nothing. Returns whether this run resumes an earlier one.
     */
    static boolean prepare(Connection t, String display, TransferOptions options, List<String> preData,
                           PlanSupplier plan, Transfer.Listener listener) throws SQLException {
        return prepare(t, display, options, preData, plan, Set.of(), listener);
    }

    /**
     * {@link #prepare}, leaving autovacuum on for the {@code small} tables (quoted names, see
     * {@link Autovacuum#TINY_BYTES}).
     */
    static boolean prepare(Connection t, String display, TransferOptions options, List<String> preData,
                           PlanSupplier plan, Set<String> small, Transfer.Listener listener) throws SQLException {
        TargetLock.take(t, display);
        options.roles().requireExist(t, display);
        boolean hasState = TransferState.exists(t);
        if (hasState && !options.resume() && !options.clean()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "target " + display
                    + " holds an unfinished transfer; use --resume to finish it, or --clean to start over");
        }
        if (hasState && options.resume()) {
            listener.phase("resuming the transfer recorded in " + display);
            TransferState.upgrade(t);
            requireSameColumns(t, preData);
            return true;
        }
        if (options.clean()) {
            listener.phase("cleaned the target (dropped schemas " + String.join(", ", TargetDatabase.clean(t)) + ")");
        } else {
            TargetDatabase.requireEmpty(t, display);
        }
        listener.phase("creating the schema on " + display);
        t.setAutoCommit(false);
        try (Statement st = t.createStatement()) {
            st.setEscapeProcessing(false);
            boolean split = preData.size() > STATEMENTS_PER_TRANSACTION;
            // One round trip per batch rather than per statement: thousands of tables make tens of
            // thousands of statements. A failure is the server's error, as before.
            runBatches(t, st, preData, split);
            TransferState.create(t);
            PostData.createState(t);
            List<Chunk> chunks = plan.get();
            TransferState.savePlan(t, chunks);
            List<String> tables = chunks.stream().map(Chunk::table).distinct().filter(c -> !small.contains(c)).toList();
            for (int from = 0; from < tables.size(); from += STATEMENTS_PER_TRANSACTION) {
                // Each part's tables recorded with their settings, so a crash leaves none unrecorded.
                Autovacuum.pause(t, tables.subList(from, Math.min(tables.size(), from + STATEMENTS_PER_TRANSACTION)));
                if (split) {
                    t.commit();
                }
            }
            t.commit();
        } catch (SQLException | RuntimeException e) {
            Transactions.rollbackAfter(t, e);
            throw e;
        } finally {
            t.setAutoCommit(true);
        }
        return false;
    }

    /**
     * Runs the statements in batches of {@link #STATEMENTS_PER_TRANSACTION}, committing after each
     * batch when {@code commitEach}.
     */
    static void runBatches(Connection t, Statement st, List<String> statements, boolean commitEach)
            throws SQLException {
        for (int from = 0; from < statements.size(); from += STATEMENTS_PER_TRANSACTION) {
            for (String sql : statements.subList(from, Math.min(statements.size(), from + STATEMENTS_PER_TRANSACTION))) {
                st.addBatch(sql);
            }
            Batches.execute(st);
            if (commitEach) {
                t.commit();
            }
        }
    }

    /**
     * On resume, the tables already on the target must have the columns the source (or dump) has, type
     * for type: binary COPY carries values in their type's binary form, and another type there would
     * fail deep in the copy with "incorrect binary data format", or worse, load other values. Names
     * the first column that differs.
     */
    static void requireSameColumns(Connection t, List<String> preData) {
        Map<String, String> actual = new HashMap<>();
        for (Table table : CatalogReader.read(t, true).tables().values()) {
            actual.put(table.name().sql(), table.createSql());
        }
        for (String statement : preData) {
            String name = createdTable(statement);
            if (name == null) {
                continue;
            }
            String found = actual.get(name);
            if (found == null) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "cannot resume: table " + name + " is missing "
                        + "on the target; start over with --clean --yes");
            }
            Map<String, String> want = columns(statement);
            Map<String, String> have = columns(found);
            for (Map.Entry<String, String> column : want.entrySet()) {
                String there = have.get(column.getKey());
                if (!column.getValue().equals(there)) {
                    throw new FerryException(ErrorCode.VALIDATION_FAILED, "cannot resume: column " + column.getKey()
                            + " of " + name + " is " + (there == null ? "missing" : "`" + there + "`")
                            + " on the target but `" + column.getValue() + "` in the schema being copied (binary COPY needs the same "
                            + "types); put it back or start over with --clean --yes");
                }
            }
        }
    }

    /** The table a {@code CREATE [UNLOGGED] TABLE} statement of the script creates, as SQL; else null. */
    private static String createdTable(String statement) {
        String rest = statement.startsWith("CREATE TABLE ") ? statement.substring(13)
                : statement.startsWith("CREATE UNLOGGED TABLE ") ? statement.substring(22) : null;
        if (rest == null || rest.contains(" PARTITION OF ")) {
            return null;
        }
        int end = rest.indexOf(" (");
        return end < 0 ? null : rest.substring(0, end);
    }

    /** Column name (quoted) to its whole definition, from the lines of a {@code CREATE TABLE}. */
    private static Map<String, String> columns(String createTable) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String line : createTable.split("\n")) {
            if (line.startsWith("    ")) {
                String definition = line.strip();
                if (definition.endsWith(",")) {
                    definition = definition.substring(0, definition.length() - 1);
                }
                columns.put(quotedName(definition), definition);
            }
        }
        return columns;
    }

    /** The leading identifier of a column definition, quoted or not. */
    private static String quotedName(String definition) {
        if (!definition.startsWith("\"")) {
            int space = definition.indexOf(' ');
            return space < 0 ? definition : definition.substring(0, space);
        }
        int i = 1;
        while (i < definition.length()) {
            if (definition.charAt(i) == '"') {
                if (i + 1 < definition.length() && definition.charAt(i + 1) == '"') {
                    i += 2;
                    continue;
                }
                return definition.substring(0, i + 1);
            }
            i++;
        }
        return definition;
    }

    /** Removes the transfer's bookkeeping (and the {@code ferry} schema, if nothing else is in it). */
    static void dropState(Connection t) throws SQLException {
        try (Statement st = t.createStatement()) {
            st.execute("DROP TABLE IF EXISTS ferry.transfer_chunk, ferry.transfer_step, ferry.transfer_autovacuum");
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'ferry') THEN DROP SCHEMA IF EXISTS ferry; END IF; END $$");
        }
    }
}
