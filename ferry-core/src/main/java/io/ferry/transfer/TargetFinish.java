package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.read.CatalogReader;
import io.ferry.schema.script.TransferScript;
import io.ferry.sql.SqlErrors;
import io.ferry.sql.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a resumable copy into a target ends, the same for {@link Transfer} and {@link ArchiveLoad} from
 * a file, once rows, keys and sequences are in: materialized views refreshed, what the copy left
 * unanalyzed analyzed, autovacuum given back; then the target's schema read and compared with the one
 * meant, and the copy's state dropped when rows and schema both match. A load from a stream ends
 * otherwise (one transaction, no state, a whole-database ANALYZE after its commit), and a dump writes
 * an archive, not a target: neither goes through here.
 */
final class TargetFinish {
    private TargetFinish() {
    }

    /**
     * @param against          what the schema is compared with, for the phase line ("the source's")
     * @param expected         the statements that would create the schema meant, as the target's server writes them
     * @param materializedViews the materialized views to refresh (those with data)
     */
    static Transfer.Report finish(Connection t, Transfer.Listener listener, List<String> materializedViews,
                                  String against, List<String> expected, TransferOptions options,
                                  Map<String, Checksum> tables, List<String> structureOnly, List<String> mismatches,
                                  int sequences, boolean resumed) throws SQLException {
        return finish(t, listener, materializedViews, against, expected, options, tables, structureOnly, mismatches,
                sequences, resumed, List.of());
    }

    /** @param moreDifferences what the caller found different beyond the schema model (default privileges) */
    static Transfer.Report finish(Connection t, Transfer.Listener listener, List<String> materializedViews,
                                  String against, List<String> expected, TransferOptions options,
                                  Map<String, Checksum> tables, List<String> structureOnly, List<String> mismatches,
                                  int sequences, boolean resumed, List<String> moreDifferences) throws SQLException {
        if (!materializedViews.isEmpty()) {
            listener.phase("refreshing " + materializedViews.size() + " materialized views");
            CopyPlan.refresh(t, materializedViews);
        }
        PostData.analyzeParentsAndViews(t);
        Autovacuum.restore(t);
        applyRoles(t, options);
        listener.phase("verifying the target's schema against " + against);
        List<String> differences = new ArrayList<>(schemaDifferences(t, expected, options));
        differences.addAll(moreDifferences);
        Transfer.Report report = new Transfer.Report(tables, structureOnly, List.copyOf(mismatches),
                List.copyOf(differences), sequences, resumed);
        if (report.ok()) {
            TargetSetup.dropState(t);
        }
        return report;
    }

    /**
     * Gives every object to {@code --owner} and grants {@code --grant-read}, once everything is built
     * (a resumed run does it again: it is idempotent). Not in the transactions that create the
     * tables: after thousands of catalog changes in one transaction, each further one costs more (a
     * DataStore's grants took seconds there, moments on their own). In transactions of
     * {@link TargetSetup#STATEMENTS_PER_TRANSACTION} statements, as each ALTER locks a table with its
     * indexes and sequences.
     */
    static void applyRoles(Connection t, TransferOptions options) throws SQLException {
        if (!options.roles().any()) {
            return;
        }
        List<String> statements = options.roles().statements(t);
        t.setAutoCommit(false);
        try (Statement st = t.createStatement()) {
            st.setEscapeProcessing(false);
            TargetSetup.runBatches(t, st, statements, true);
        } catch (SQLException | RuntimeException e) {
            Transactions.rollbackAfter(t, e);
            throw e;
        } finally {
            t.setAutoCommit(true);
        }
    }

    /**
     * How the target's schema (Ferry's own state left out) differs from {@code expected}'s statements,
     * then what is not as {@code --owner} and {@code --grant-read} asked. Owners and grants set on
     * purpose are compared with what was asked, not with the source's.
     */
    static List<String> schemaDifferences(Connection t, List<String> expected, TransferOptions options) {
        List<String> differences = new ArrayList<>(CopyPlan.schemaDifferences(expected, TransferScript.of(
                TransferState.withoutState(CatalogReader.read(t, true)), options.keepOwners(),
                options.keepGrants()).all()));
        try {
            differences.addAll(options.roles().differences(t));
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot read the target's owners and grants: "
                    + SqlErrors.describe(e), e);
        }
        return differences;
    }
}
