package io.ferry.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * Loads tables with {@code COPY ... FREEZE} where PostgreSQL allows it: the rows arrive frozen and
 * the pages all-visible, so the first scans after the load (the row count, every index build,
 * {@code ANALYZE}) need not set each row's hint bits and write every page again, index-only scans
 * work at once, and no anti-wraparound vacuum has to freeze the whole catalog months later.
 * FREEZE needs a table created or emptied in the same subtransaction as the COPY.
 */
final class FrozenLoad {
    private FrozenLoad() {
    }

    /** The {@code COPY ... FROM STDIN} of the chunk's rows. */
    static String copyInSql(Chunk chunk, boolean binary, boolean freeze) {
        String options = binary ? (freeze ? " (FORMAT binary, FREEZE)" : " (FORMAT binary)") : (freeze ? " (FREEZE)" : "");
        return "COPY " + chunk.table() + " (" + chunk.columnList() + ") FROM STDIN" + options;
    }

    /**
     * Empties the chunk's table in a new subtransaction of the caller's open transaction, for a COPY
     * FREEZE in it, when the chunk is the whole table: the table then holds nothing of the chunk (an
     * earlier attempt never committed). A table split into chunks is loaded by several transactions
     * at once, which FREEZE cannot do. False when the table is not emptied: split, no transaction
     * open (autocommit), or the TRUNCATE failed (a foreign key references the table, say); the
     * chunk then loads as usual.
     */
    static boolean emptied(Connection target, Chunk chunk) throws SQLException {
        if (chunk.of() != 1 || target.getAutoCommit()) {
            return false;
        }
        Savepoint before = target.setSavepoint();
        try (Statement st = target.createStatement()) {
            st.execute("TRUNCATE ONLY " + chunk.table());
            return true;
        } catch (SQLException e) {
            target.rollback(before);
            return false;
        }
    }
}
