package io.ferry.transfer;

import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Changes one value on a transfer's target and asks the verification whether it notices: under the
 * text hash, and under the hash the transfer chose for the table ({@link RowHashChoice}) when that is
 * another. Public for the CKAN pack's tests.
 */
public final class Flips {
    private Flips() {
    }

    /** Per table (quoted, schema-qualified, present on both sides), the hash a transfer between them chooses. */
    public static Map<String, RowHash> chosen(TestDatabase source, TestDatabase target, Collection<String> tables) {
        try (Connection s = source.open(); Connection t = target.open()) {
            RowHashChoice choice = RowHashChoice.between(s, t, tables);
            Map<String, RowHash> chosen = new TreeMap<>();
            tables.forEach(table -> chosen.put(table, choice.forTable(table)));
            return chosen;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Checks that the target's {@code table} (quoted, schema-qualified) has the source's checksum under
     * each hash (the text hash and {@code chosen}); then, in a transaction rolled back afterwards, gives {@code column} (quoted) of one
     * row the value another row has (one that differs in text) and checks that the verification
     * reports the table under each hash. Foreign keys and triggers are off for the change
     * ({@code session_replication_role}); the column must not be unique. Returns what went wrong
     * (empty when nothing did).
     */
    public static List<String> flip(TestDatabase source, TestDatabase target, String table, String column,
                                    RowHash chosen) {
        try (Connection s = source.open(); Connection t = target.open()) {
            SessionSettings.apply(s);
            SessionSettings.apply(t);
            Set<RowHash> hashes = new TreeSet<>(List.of(RowHash.HASHTEXT, chosen));
            Chunk chunk = new Chunk(table, columns(t, table), 0, 1, null, false);
            List<String> problems = new ArrayList<>();
            for (RowHash hash : hashes) {
                Checksum want = Checksum.of(s, chunk.wholeTableSql(), hash);
                if (!want.equals(Checksum.of(t, chunk.wholeTableSql(), hash))) {
                    problems.add(table + " differs under " + hash + " before any change");
                }
            }
            t.setAutoCommit(false);
            try (Statement st = t.createStatement()) {
                st.execute("SET LOCAL session_replication_role = replica");
                String[] rows = twoRowsThatDiffer(t, table, column);
                if (rows == null) {
                    problems.add(table + "." + column + " has no two rows whose values differ");
                    return problems;
                }
                int changed = st.executeUpdate("UPDATE " + table + " SET " + column + " = (SELECT " + column + " FROM "
                        + table + " WHERE ctid = '" + rows[1] + "') WHERE ctid = '" + rows[0] + "'");
                if (changed != 1) {
                    problems.add(table + "." + column + ": the change updated " + changed + " rows");
                }
                for (RowHash hash : hashes) {
                    List<String> mismatches = new ArrayList<>();
                    Checksum want = Checksum.of(s, chunk.wholeTableSql(), hash);
                    boolean same = TableVerification.checkTable(t, Verify.CHECKSUMS, hash, chunk, want, mismatches);
                    if (same || mismatches.stream().noneMatch(m -> m.startsWith(table + ": checksum differs"))) {
                        problems.add(table + "." + column + ": a changed value goes unnoticed under " + hash);
                    }
                }
            } finally {
                t.rollback();
            }
            return problems;
        } catch (SQLException e) {
            throw new IllegalStateException(table + "." + column + ": " + e.getMessage(), e);
        }
    }

    /** The table's columns a copy takes (quoted, generated ones left out), in order. */
    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = "
                + "?::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    /** The ctids of two rows whose {@code column} differs in text (among the first rows), or null. */
    private static String[] twoRowsThatDiffer(Connection c, String table, String column) throws SQLException {
        String few = "(SELECT ctid, " + column + "::text AS v FROM " + table + " LIMIT 200)";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT a.ctid::text, b.ctid::text FROM "
                + few + " a, " + few + " b WHERE a.v IS DISTINCT FROM b.v ORDER BY a.v IS NULL, b.v IS NULL LIMIT 1")) {
            return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
        }
    }
}
