package io.ferry.transfer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The row count and an order-independent fingerprint of a set of rows: the sum of a 64-bit hash of
 * each row's text. Sums add up, so the fingerprints of a table's chunks add up to the table's, and
 * the order rows are stored or returned in does not matter. Both sides must use
 * {@link SessionSettings} so rows render alike.
 */
public record Checksum(long rows, BigDecimal sum) {
    public static final Checksum EMPTY = new Checksum(0, BigDecimal.ZERO);

    static Checksum of(Connection c, String select) throws SQLException {
        String sql = "SELECT count(*), coalesce(sum(hashtextextended(r::text, 0)), 0) FROM (" + select + ") r";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new Checksum(rs.getLong(1), rs.getBigDecimal(2));
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
