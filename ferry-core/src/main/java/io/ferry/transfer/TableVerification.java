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
import java.util.function.Function;

/** Whole-table checks once a table's rows are in: counts, or checksums where asked for (none for NONE). */
final class TableVerification {
    private TableVerification() {
    }

    /**
     * Checks every table of the plan against what the source sent.
     *
     * @param expected per table, what the source sent (rows, and checksums in CHECKSUMS mode)
     * @param hash how the source hashed its rows for the checksums
     */
    static void check(ConnectionSpec target, Verify verify, RowHash hash, List<TransferState.Entry> plan,
                      Map<String, Checksum> expected, List<String> mismatches) {
        check(target, verify, table -> hash, plan, expected, mismatches);
    }

    /** {@link #check}, each table's rows hashed as {@code hashOf} says (given the table as {@link Chunk#table()} names it). */
    static void check(ConnectionSpec target, Verify verify, Function<String, RowHash> hashOf,
                      List<TransferState.Entry> plan, Map<String, Checksum> expected, List<String> mismatches) {
        if (verify == Verify.NONE) {
            return;
        }
        Map<String, Chunk> firstChunk = new TreeMap<>();
        plan.forEach(e -> firstChunk.putIfAbsent(e.chunk().table(), e.chunk()));
        try (Connection t = target.open()) {
            SessionSettings.apply(t);
            for (Chunk chunk : firstChunk.values()) {
                checkTable(t, verify, hashOf.apply(chunk.table()), chunk, expected.getOrDefault(chunk.table(), Checksum.EMPTY),
                        mismatches);
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "verification failed: " + SqlErrors.describe(e), e);
        }
    }

    /**
     * Checks one table, whose rows are all in, on a connection with {@link SessionSettings} applied;
     * with checksums but no {@code hash} (its table is checked by counts: {@link RowHashChoice}), by its count.
     *
     * @param chunk any chunk of the table
     * @param want what the source sent for the whole table
     */
    static boolean checkTable(Connection t, Verify verify, RowHash hash, Chunk chunk, Checksum want,
                              List<String> mismatches) throws SQLException {
        if (verify == Verify.CHECKSUMS && hash != null) {
            return same(t, hash, chunk.table(), chunk.wholeTableSql(), want, mismatches);
        } else if (verify != Verify.NONE) {
            long rows = count(t, chunk.table());
            if (rows != want.rows()) {
                mismatches.add(chunk.table() + ": source has " + want.rows() + " rows, target " + rows);
                return false;
            }
        }
        return true;
    }

    /**
     * Checks whole tables, whose rows are all in, in one query (see {@link #checkTable}).
     *
     * @param hashOf how the source hashed each table's rows (given the table as {@link Chunk#table()} names it)
     * @param chunks each the whole of its table
     * @param want   what the source sent for each
     */
    static void checkTables(Connection t, Verify verify, Function<String, RowHash> hashOf, List<Chunk> chunks,
                            List<Checksum> want, List<String> mismatches) throws SQLException {
        if (verify == Verify.NONE || chunks.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        List<RowHash> hashes = chunks.stream().map(c -> verify == Verify.CHECKSUMS ? hashOf.apply(c.table()) : null)
                .toList();
        for (int i = 0; i < chunks.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(", count(*), ")
                    .append(hashes.get(i) != null ? "coalesce(sum(" + hashes.get(i).of("r") + "), 0)" : "0")
                    .append(" FROM (").append(chunks.get(i).wholeTableSql()).append(") r");
        }
        try (Statement st = t.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            while (rs.next()) {
                Chunk chunk = chunks.get(rs.getInt(1));
                Checksum expected = want.get(rs.getInt(1));
                Checksum landed = new Checksum(rs.getLong(2), rs.getBigDecimal(3));
                if (hashes.get(rs.getInt(1)) == null && landed.rows() != expected.rows()) {
                    mismatches.add(chunk.table() + ": source has " + expected.rows() + " rows, target " + landed.rows());
                } else if (hashes.get(rs.getInt(1)) != null && !landed.equals(expected)) {
                    mismatches.add(chunk.table() + ": checksum differs (source " + expected.rows() + " rows "
                            + expected.hex() + ", target " + landed.rows() + " rows " + landed.hex() + ")");
                }
            }
        } catch (SQLException e) {
            if (verify == Verify.CHECKSUMS) {
                Checksum.requireRowTextFits(e, "one of " + chunks.stream().map(Chunk::table).toList());
            }
            throw e;
        }
    }

    /**
     * After a table's checksum differed: checks each of its chunks that can be selected again on the
     * target (key ranges), so the report names the chunks that differ.
     *
     * @param sent what the source sent, per chunk
     */
    static void checkChunks(Connection t, RowHash hash, List<Chunk> chunks, Map<Chunk, Checksum> sent, List<String> mismatches)
            throws SQLException {
        for (Chunk chunk : chunks) {
            if (chunk.byKey() && sent.containsKey(chunk)) {
                same(t, hash, chunk.label(), chunk.targetSelectSql(), sent.get(chunk), mismatches);
            }
        }
    }

    /** Whether the target's rows of {@code select} have the checksum {@code want}; if not, says so. */
    private static boolean same(Connection t, RowHash hash, String what, String select, Checksum want,
                                List<String> mismatches) throws SQLException {
        Checksum landed = Checksum.of(t, select, what, hash);
        if (landed.equals(want)) {
            return true;
        }
        mismatches.add(what + ": checksum differs (source " + want.rows() + " rows " + want.hex() + ", target "
                + landed.rows() + " rows " + landed.hex() + ")");
        return false;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM ONLY " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
