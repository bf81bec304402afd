package io.ferry.transfer;

import io.ferry.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Carries every sequence's position (serial, identity and plain) from the source to the target. */
final class Sequences {
    /** A sequence's position; {@code lastValue} null when it was never used. */
    record Position(String schema, String name, Long lastValue) {
    }

    private static final String POSITIONS = "SELECT schemaname, sequencename, last_value FROM pg_sequences "
            + "WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'ferry')";
    /**
     * PostgreSQL 9.6 has no pg_sequences: each sequence keeps its position in its own single row,
     * read here through query_to_xml (null, as pg_sequences says, when it was never used).
     */
    private static final String POSITIONS_96 = "SELECT n.nspname, c.relname, CASE WHEN "
            + "(xpath('/row/is_called/text()', x.seq))[1]::text::boolean "
            + "THEN (xpath('/row/last_value/text()', x.seq))[1]::text::bigint END "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "CROSS JOIN LATERAL (SELECT query_to_xml('SELECT * FROM ' || c.oid::regclass::text, false, true, '') AS seq) x "
            + "WHERE c.relkind = 'S' AND n.nspname NOT LIKE 'pg\\_%' "
            + "AND n.nspname NOT IN ('information_schema', 'ferry')";

    private Sequences() {
    }

    /**
     * Reads positions in the source's snapshot and sets them on the target's sequences of the same
     * name (sequences the transfer did not create, such as Ferry's own, are left alone); returns how
     * many were set.
     */
    static int copy(Connection source, Connection target) throws SQLException {
        return apply(target, read(source));
    }

    /** Every user sequence's position, in the caller's snapshot. */
    static List<Position> read(Connection source) throws SQLException {
        List<Position> positions = new ArrayList<>();
        String sql = source.getMetaData().getDatabaseMajorVersion() >= 10 ? POSITIONS : POSITIONS_96;
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                // Read as an object: wasNull() would answer for whichever column was read last.
                Long value = rs.getObject(3, Long.class);
                positions.add(new Position(rs.getString(1), rs.getString(2), value));
            }
        }
        return positions;
    }

    /** Sets each position on the target sequence of the same name, if there is one; returns how many. */
    static int apply(Connection target, List<Position> positions) throws SQLException {
        List<Position> used = positions.stream().filter(p -> p.lastValue() != null).toList();
        if (used.isEmpty()) {
            return 0; // a sequence never used is in the same state on the new side already
        }
        // All in one statement: thousands of tables have thousands of sequences.
        try (PreparedStatement ps = target.prepareStatement("SELECT count(setval(c.oid, s.value, true)) "
                + "FROM unnest(?::text[], ?::bigint[]) AS s(name, value) "
                + "JOIN pg_class c ON c.oid = to_regclass(s.name) AND c.relkind = 'S'")) {
            ps.setArray(1, target.createArrayOf("text", used.stream()
                    .map(p -> Identifiers.quote(p.schema()) + "." + Identifiers.quote(p.name())).toArray()));
            ps.setArray(2, target.createArrayOf("int8", used.stream().map(Position::lastValue).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
