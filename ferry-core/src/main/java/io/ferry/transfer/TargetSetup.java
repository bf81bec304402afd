package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Readies the target of a transfer or an archive load: fresh (empty or cleaned) or resumed. */
final class TargetSetup {
    /** Supplies the copy plan; called only for a fresh start. */
    interface PlanSupplier {
        List<Chunk> get() throws SQLException;
    }

    private TargetSetup() {
    }

    /**
     * On a fresh target: runs the pre-data script and records the copy plan, in one transaction, so a
     * crash leaves either nothing or a complete starting point. With {@code --resume} and a recorded
     * transfer: does nothing. Returns whether this run resumes an earlier one.
     */
    static boolean prepare(Connection t, String display, TransferOptions options, List<String> preData,
                           PlanSupplier plan, Transfer.Listener listener) throws SQLException {
        boolean hasState = TransferState.exists(t);
        if (hasState && !options.resume() && !options.clean()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "target " + display
                    + " holds an unfinished transfer; use --resume to finish it, or --clean to start over");
        }
        if (hasState && options.resume()) {
            listener.phase("resuming the transfer recorded in " + display);
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
            for (String sql : preData) {
                st.execute(sql);
            }
            TransferState.create(t);
            PostData.createState(t);
            TransferState.savePlan(t, plan.get());
            t.commit();
        } catch (SQLException | RuntimeException e) {
            t.rollback();
            throw e;
        } finally {
            t.setAutoCommit(true);
        }
        return false;
    }

    /** Removes the transfer's bookkeeping (and the {@code ferry} schema, if nothing else is in it). */
    static void dropState(Connection t) throws SQLException {
        try (Statement st = t.createStatement()) {
            st.execute("DROP TABLE IF EXISTS ferry.transfer_chunk, ferry.transfer_step");
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'ferry') THEN DROP SCHEMA IF EXISTS ferry; END IF; END $$");
        }
    }
}
