package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The row count and an order-independent fingerprint of a set of rows: the sum of a 64-bit hash of
 * each row's text. Sums add up, so the fingerprints of a table's chunks add up to the table's, and
 * the order rows are stored or returned in does not matter. Both sides must use
 * {@link SessionSettings} so rows render alike, and the same {@link RowHash}.
 */
public record Checksum(long rows, BigDecimal sum) {
    public static final Checksum EMPTY = new Checksum(0, BigDecimal.ZERO);

    static Checksum of(Connection c, String select) throws SQLException {
        return of(c, select, RowHash.HASHTEXT);
    }

    /** The checksum of the rows of {@code select}, each row hashed by {@code hash}. */
    static Checksum of(Connection c, String select, RowHash hash) throws SQLException {
        String sql = "SELECT count(*), coalesce(sum(" + hash.of("r") + "), 0) FROM (" + select + ") r";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new Checksum(rs.getLong(1), rs.getBigDecimal(2));
        }
    }

    /** {@link #of(Connection, String)}, a row too big to hash reported for {@code what} (a table or chunk). */
    static Checksum of(Connection c, String select, String what, RowHash hash) throws SQLException {
        try {
            return of(c, select, hash);
        } catch (SQLException e) {
            requireRowTextFits(e, what);
            throw e;
        }
    }

    /**
     * Throws a clear error when {@code e} says a row's text could not be built: the hash is over each
     * row's text, which PostgreSQL cannot build beyond 1 GB, while the rows themselves travel fine
     * by binary COPY. Returns otherwise.
     */
    static void requireRowTextFits(SQLException e, String table) {
        if (String.valueOf(e.getMessage()).contains("invalid memory alloc request size")
                || "54000".equals(e.getSQLState())) {
            throw new FerryException(ErrorCode.INPUT, "cannot checksum " + table + ": a row's text form is over "
                    + "PostgreSQL's 1 GB limit; rerun with --verify counts (with --resume to keep what is done)", e);
        }
    }

    public Checksum plus(Checksum other) {
        return new Checksum(rows + other.rows, sum.add(other.sum));
    }

    /** A short hexadecimal rendering for reports. */
    public String hex() {
        return sum.toBigInteger().and(java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE))
                .toString(16);
    }
}
