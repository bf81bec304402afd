package io.ferry.plan.steps;

import io.ferry.Counts;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.connect.ConnectionSpec;
import io.ferry.plan.StepResult;
import io.ferry.sql.Identifiers;
import io.ferry.sql.SqlErrors;
import io.ferry.transfer.TransferOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A copy that finished just before the plan was killed. A transfer drops its bookkeeping
 * ({@code ferry.transfer_chunk}) once the copy is complete and verified, a moment before the plan
 * records the step as finished; a crash in between leaves a full target with no transfer to resume.
 * Resumed, the step accepts it as finished only when every table of the source has exactly as many
 * rows on the target (none for structure-only tables); anything else is left to the transfer, which
 * refuses a target that is not empty.
 */
final class FinishedCopy {
    private static final String TABLES = "SELECT n.nspname, c.relname FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' "
            + "AND n.nspname NOT IN ('information_schema', 'ferry') AND n.nspname NOT LIKE 'pg\\_%' ORDER BY 1, 2";

    private FinishedCopy() {
    }

    static Optional<StepResult> check(ConnectionSpec source, ConnectionSpec target, TransferOptions options) {
        try (Connection s = source.open(); Connection t = target.open()) {
            if (!noTransferRecorded(t)) {
                return Optional.empty();
            }
            List<String[]> tables = tables(s);
            if (tables.isEmpty() || tables(t).size() != tables.size()) {
                return Optional.empty();
            }
            ObjectNode details = Json.compact().createObjectNode();
            ObjectNode counts = details.putObject("tables");
            long rows = 0;
            for (String[] table : tables) {
                String name = table[0] + "." + table[1];
                long want = options.excludesData(table[0], table[1]) ? 0 : count(s, table);
                if (count(t, table) != want) {
                    return Optional.empty();
                }
                counts.put(name, want);
                rows += want;
            }
            details.put("resumed", true);
            return Optional.of(new StepResult(String.format(Locale.ROOT, "the copy had finished before the "
                    + "interruption: %s in %s, row counts match the source", Counts.of(rows, "row"), Counts.of(tables.size(), "table")),
                    details, List.of("the copy finished before the run was interrupted; checked again by row counts")));
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "cannot check the copy: " + SqlErrors.describe(e), e);
        }
    }

    private static boolean noTransferRecorded(Connection t) throws SQLException {
        try (Statement st = t.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('ferry.transfer_chunk') IS NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static List<String[]> tables(Connection c) throws SQLException {
        List<String[]> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(TABLES)) {
            while (rs.next()) {
                tables.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return tables;
    }

    private static long count(Connection c, String[] table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM "
                + Identifiers.quote(table[0]) + "." + Identifiers.quote(table[1]))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
