package io.ferry.transfer;

import io.ferry.sql.Identifiers;
import io.ferry.sql.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps autovacuum off the target's tables while a transfer or load fills them. A freshly filled
 * table soon crosses autovacuum's insert threshold, and the VACUUM ANALYZE it then starts holds a
 * lock that an index build must wait for (up to {@code deadlock_timeout}, until the server cancels
 * the vacuum), besides taking CPU from the builds; Ferry analyzes every table itself. Each table
 * gets {@code autovacuum_enabled = false} in the transaction that creates it, and the setting is
 * reset when the job finishes, after which autovacuum does the vacuum the inserts call for. Tables
 * whose source sets autovacuum_enabled itself are left alone. The paused tables are listed in
 * {@code ferry.transfer_autovacuum}, so a resumed job restores them too.
 */
final class Autovacuum {
    /**
     * Tables smaller than this (a few pages, such as most of a DataStore's) are left alone: their
     * vacuum takes moments, and pausing and resetting thousands of them would cost two catalog updates
     * each.
     */
    static final long TINY_BYTES = 64 * 1024;

    private Autovacuum() {
    }

    /**
     * Pauses autovacuum on the given tables (quoted names) that are ordinary tables without an
     * autovacuum_enabled setting of their own; in the caller's transaction.
     */
    static void pause(Connection t, Collection<String> tables) throws SQLException {
        List<String> paused = new ArrayList<>();
        Set<String> wanted = new HashSet<>(tables);
        try (Statement st = t.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' "
                     + "AND NOT EXISTS (SELECT 1 FROM unnest(c.reloptions) o WHERE o LIKE 'autovacuum\\_enabled=%')")) {
            while (rs.next()) {
                String table = Identifiers.quote(rs.getString(1)) + "." + Identifiers.quote(rs.getString(2));
                if (wanted.contains(table)) {
                    paused.add(table);
                }
            }
        }
        try (Statement st = t.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS ferry.transfer_autovacuum (table_name text PRIMARY KEY)");
            for (String table : paused) {
                st.addBatch("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
            }
            Batches.execute(st);
        }
        try (PreparedStatement insert = t.prepareStatement("INSERT INTO ferry.transfer_autovacuum VALUES (?) "
                + "ON CONFLICT DO NOTHING")) {
            for (String table : paused) {
                insert.setString(1, table);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Resets the setting on every table paused; does nothing when none is recorded. */
    static void restore(Connection t) throws SQLException {
        List<String> paused = new ArrayList<>();
        try (Statement st = t.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('ferry.transfer_autovacuum') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return; // nothing was paused (a job started by an older Ferry)
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM ferry.transfer_autovacuum ORDER BY 1")) {
                while (rs.next()) {
                    paused.add(rs.getString(1));
                }
            }
        }
        // In parts of a transaction each, each part's records deleted with it: one round trip per
        // part, and no transaction locks more tables than the server's lock table holds.
        boolean autoCommit = t.getAutoCommit();
        t.setAutoCommit(false);
        try (Statement st = t.createStatement();
             PreparedStatement forget = t.prepareStatement("DELETE FROM ferry.transfer_autovacuum "
                     + "WHERE table_name = ANY (?)")) {
            for (int from = 0; from < paused.size(); from += TargetSetup.STATEMENTS_PER_TRANSACTION) {
                List<String> part = paused.subList(from, Math.min(paused.size(), from + TargetSetup.STATEMENTS_PER_TRANSACTION));
                for (String table : part) {
                    st.addBatch("ALTER TABLE IF EXISTS " + table + " RESET (autovacuum_enabled)");
                }
                Batches.execute(st);
                forget.setArray(1, t.createArrayOf("text", part.toArray()));
                forget.executeUpdate();
                t.commit();
            }
        } catch (SQLException | RuntimeException e) {
            Transactions.rollbackAfter(t, e);
            throw e;
        } finally {
            t.setAutoCommit(autoCommit);
        }
    }
}
