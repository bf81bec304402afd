package io.ferry.transfer;

import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.Namespace;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Table;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The progress of a copy, kept in the target database (schema {@code ferry}) so that it commits in
 * the same transaction as the rows it describes: a chunk is either copied and recorded, or neither.
 * The plan is stored whole when the copy starts, so a resumed run redoes exactly the chunks that were
 * not recorded, with the same boundaries, and never doubles or loses a row.
 */
final class TransferState {
    private static final String CREATE = """
            CREATE SCHEMA IF NOT EXISTS ferry;
            CREATE TABLE IF NOT EXISTS ferry.transfer_chunk (
                table_name text NOT NULL,
                chunk integer NOT NULL,
                chunks integer NOT NULL,
                columns text NOT NULL,
                predicate text,
                by_key boolean NOT NULL,
                rows bigint,
                checksum numeric,
                hash text,
                copied_at timestamptz,
                PRIMARY KEY (table_name, chunk)
            )""";

    /**
     * Bookkeeping of a run in progress, never moved: a transfer's own tables, and the steps of the
     * {@code ferry run} plan that may be moving this very database.
     */
    private static final Set<QualifiedName> TABLES = Set.of(QualifiedName.of("ferry", "transfer_chunk"),
            QualifiedName.of("ferry", "transfer_step"), QualifiedName.of("ferry", "transfer_autovacuum"),
            QualifiedName.of("ferry", "plan_step"));

    /**
     * The schema without a transfer's own bookkeeping tables, which exist only while a transfer runs
     * and must neither travel nor count as a difference.
     */
    static Schema withoutState(Schema schema) {
        Schema.Builder builder = new Schema.Builder();
        // The ferry schema goes too when the bookkeeping is all it holds (it was made for it).
        boolean ferryHoldsMore = schema.objects().anyMatch(o -> !isState(o) && o.ref().key().startsWith("\"ferry\"."));
        schema.objects().filter(o -> !isState(o))
                .filter(o -> ferryHoldsMore || !(o instanceof Namespace n && n.ref().key().equals("\"ferry\"")))
                .forEach(builder::add);
        schema.privileges().values().forEach(builder::add);
        schema.dependencies().forEach(builder::add);
        return builder.build();
    }

    private static boolean isState(SchemaObject o) {
        return o instanceof Table t && TABLES.contains(t.name())
                || o instanceof Constraint c && TABLES.contains(c.table())
                || o instanceof Index i && TABLES.contains(i.table());
    }

    /**
     * A planned chunk and, once copied, what was copied and how its rows were hashed: a
     * {@link RowHash#label()}, {@link #NO_HASH} when copied without checksums, null when recorded by a
     * Ferry that did not record it.
     */
    record Entry(Chunk chunk, boolean done, Checksum copied, String hash) {
    }

    /** How a chunk copied without checksums records its hash. */
    static final String NO_HASH = "none";

    /** The tables a plan copies rows into (quoted), each once, in plan order. */
    static List<String> tables(List<Entry> plan) {
        return plan.stream().map(e -> e.chunk().table()).distinct().toList();
    }

    private TransferState() {
    }

    static void create(Connection target) throws SQLException {
        try (Statement st = target.createStatement()) {
            st.execute(CREATE);
        }
    }

    /** A state recorded by a Ferry that kept no hash per chunk gains the column (its chunks' stay null). */
    static void upgrade(Connection target) throws SQLException {
        try (Statement st = target.createStatement()) {
            st.execute("ALTER TABLE ferry.transfer_chunk ADD COLUMN IF NOT EXISTS hash text");
        }
    }

    static boolean exists(Connection target) throws SQLException {
        try (Statement st = target.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('ferry.transfer_chunk') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Records the whole plan (autocommit); chunks already recorded are kept as they are. */
    static void savePlan(Connection target, List<Chunk> chunks) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("INSERT INTO ferry.transfer_chunk "
                + "(table_name, chunk, chunks, columns, predicate, by_key) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (table_name, chunk) DO NOTHING")) {
            for (Chunk c : chunks) {
                ps.setString(1, c.table());
                ps.setInt(2, c.number());
                ps.setInt(3, c.of());
                ps.setString(4, String.join(", ", c.columns()));
                ps.setString(5, c.predicate());
                ps.setBoolean(6, c.byKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Marks chunks copied, each with what was copied and its hash ({@link Entry#hash()}), in one
     * statement; call inside the transaction that copied them.
     */
    static void markDone(Connection target, List<Chunk> chunks, List<Checksum> copied, List<String> hashes)
            throws SQLException {
        if (chunks.size() == 1) {
            markDone(target, chunks.get(0), copied.get(0), hashes.get(0));
            return;
        }
        try (PreparedStatement ps = target.prepareStatement("UPDATE ferry.transfer_chunk c SET rows = d.rows, "
                + "checksum = d.checksum, hash = d.hash, copied_at = now() "
                + "FROM unnest(?::text[], ?::int[], ?::bigint[], ?::numeric[], ?::text[]) "
                + "AS d(table_name, chunk, rows, checksum, hash) WHERE c.table_name = d.table_name AND c.chunk = d.chunk")) {
            ps.setArray(1, target.createArrayOf("text", chunks.stream().map(Chunk::table).toArray()));
            ps.setArray(2, target.createArrayOf("int4", chunks.stream().map(Chunk::number).toArray()));
            ps.setArray(3, target.createArrayOf("int8", copied.stream().map(Checksum::rows).toArray()));
            ps.setArray(4, target.createArrayOf("numeric", copied.stream().map(Checksum::sum).toArray()));
            ps.setArray(5, target.createArrayOf("text", hashes.toArray()));
            int updated = ps.executeUpdate();
            if (updated != chunks.size()) {
                throw new SQLException((chunks.size() - updated) + " of " + chunks.size()
                        + " chunks are not in the recorded plan");
            }
        }
    }

    /** Marks a chunk copied, its rows hashed by {@code hash} ({@link Entry#hash()}); call inside the transaction that copied them. */
    static void markDone(Connection target, Chunk chunk, Checksum copied, String hash) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("UPDATE ferry.transfer_chunk SET rows = ?, "
                + "checksum = ?, hash = ?, copied_at = now() WHERE table_name = ? AND chunk = ?")) {
            ps.setLong(1, copied.rows());
            ps.setBigDecimal(2, copied.sum());
            ps.setString(3, hash);
            ps.setString(4, chunk.table());
            ps.setInt(5, chunk.number());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("chunk " + chunk.label() + " is not in the recorded plan");
            }
        }
    }

    /** The recorded plan, in table and chunk order. */
    static List<Entry> load(Connection target) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name, chunk, chunks, columns, predicate, by_key, rows, checksum, copied_at IS NOT NULL, "
                        + "hash FROM ferry.transfer_chunk ORDER BY table_name, chunk")) {
            while (rs.next()) {
                Chunk chunk = new Chunk(rs.getString(1), splitColumns(rs.getString(4)), rs.getInt(2), rs.getInt(3),
                        rs.getString(5), rs.getBoolean(6));
                boolean done = rs.getBoolean(9);
                BigDecimal sum = rs.getBigDecimal(8);
                entries.add(new Entry(chunk, done, done ? new Checksum(rs.getLong(7), sum) : null, rs.getString(10)));
            }
        }
        return entries;
    }

    /** Splits "a", "b" back into quoted column names (commas inside quotes are part of a name). */
    static List<String> splitColumns(String list) {
        List<String> columns = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                columns.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        columns.add(current.toString().strip());
        return columns;
    }

    static void drop(Connection target) throws SQLException {
        try (Statement st = target.createStatement()) {
            st.execute("DROP TABLE IF EXISTS ferry.transfer_chunk");
        }
    }
}
