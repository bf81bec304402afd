package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Whole-table checks after a copy: counts (unless NONE), and checksums where asked for. */
final class TableVerification {
    private TableVerification() {
    }

    /**
     * @param expected per table, what the source sent (rows, and checksums in CHECKSUMS mode)
     */
    static void check(ConnectionSpec target, Verify verify, List<TransferState.Entry> plan,
                      Map<String, Checksum> expected, List<String> mismatches) {
        if (verify == Verify.NONE) {
            return;
        }
        Map<String, Chunk> firstChunk = new TreeMap<>();
        plan.forEach(e -> firstChunk.putIfAbsent(e.chunk().table(), e.chunk()));
        try (Connection t = target.open()) {
            SessionSettings.apply(t);
            for (Chunk chunk : firstChunk.values()) {
                Checksum want = expected.getOrDefault(chunk.table(), Checksum.EMPTY);
                if (verify == Verify.CHECKSUMS) {
                    Checksum landed = Checksum.of(t, chunk.wholeTableSql());
                    if (!landed.equals(want)) {
                        mismatches.add(chunk.table() + ": checksum differs (source " + want.rows() + " rows "
                                + want.hex() + ", target " + landed.rows() + " rows " + landed.hex() + ")");
                    }
                } else {
                    long rows = count(t, chunk.table());
                    if (rows != want.rows()) {
                        mismatches.add(chunk.table() + ": source has " + want.rows() + " rows, target " + rows);
                    }
                }
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "verification failed: " + SqlErrors.describe(e), e);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM ONLY " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
