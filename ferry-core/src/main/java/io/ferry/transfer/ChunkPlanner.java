package io.ferry.transfer;

import io.ferry.sql.Identifiers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a table into chunks of about {@code chunkBytes} each, so big tables copy in parallel and a
 * resumed run redoes only what was unfinished.
 *
 * <ul>
 *   <li>When chunks are checksummed, a table with a one-column primary key is split into key
 *       ranges at quantiles of a sample of the key ({@code percentile_disc}): the same ranges select
 *       the same rows on the target, so a chunk that differs can be named (the table is checked as a
 *       whole first; its chunks one by one only when it differs).</li>
 *   <li>Any other table, on PostgreSQL 14 or later, is split into ranges of pages
 *       ({@code ctid >= '(a,0)' AND ctid < '(b,0)'}, read by a TID range scan, which reads only its
 *       own pages where a key range costs an index scan); the target has other ctids, so such a
 *       table is verified as a whole.</li>
 *   <li>Before 14, where a ctid range costs a scan of the whole table, a table with a one-column
 *       primary key is split into key ranges even when chunks are not checksummed.</li>
 *   <li>Otherwise (small table, older server without such a key) it is one chunk.</li>
 * </ul>
 */
final class ChunkPlanner {
    /**
     * @param table   schema-qualified, quoted
     * @param columns quoted, in order
     * @param key     the primary key's columns, unquoted, in order (empty when there is none)
     */
    record TableInfo(String schema, String name, List<String> columns, List<String> key) {
        String sql() {
            return Identifiers.quote(schema) + "." + Identifiers.quote(name);
        }
    }

    /** Pages sampled to place the cuts of a key-range split. */
    private static final long SAMPLE_PAGES = 2000;

    private ChunkPlanner() {
    }

    /**
     * @param byKey split by key ranges where the table allows it, so that each chunk can be
     *              checksummed on the target
     * @param jobs  how many chunks are copied at once: a table that is split at all is split into a
     *              multiple of it, so no worker is left copying the last chunk alone (3 chunks for 2
     *              workers ran a third of the table on one stream)
     */
    static List<Chunk> plan(Connection source, TableInfo t, long chunkBytes, boolean byKey, int jobs)
            throws SQLException {
        long bytes;
        long pages;
        try (PreparedStatement ps = source.prepareStatement(
                "SELECT pg_relation_size(c.oid), c.relpages FROM pg_class c JOIN pg_namespace n "
                        + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, t.schema());
            ps.setString(2, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                bytes = rs.getLong(1);
                pages = Math.max(rs.getLong(2), bytes / 8192);
            }
        }
        long needed = Math.max(1, (bytes + chunkBytes - 1) / chunkBytes);
        if (needed > 1 && jobs > 1) {
            needed = (needed + jobs - 1) / jobs * jobs;
        }
        int wanted = (int) Math.min(256, needed);
        // Before 14 a ctid range is read by scanning the whole table, so there key ranges split instead.
        boolean tidRangeScans = source.getMetaData().getDatabaseMajorVersion() >= 14;
        if ((byKey || !tidRangeScans) && wanted > 1 && t.key().size() == 1) {
            List<Chunk> ranges = byKeyRanges(source, t, pages, wanted);
            if (ranges.size() > 1) {
                return ranges;
            }
        }
        if (wanted > 1 && tidRangeScans) {
            return byPageRanges(t, pages, wanted);
        }
        return List.of(new Chunk(t.sql(), t.columns(), 0, 1, null, false));
    }

    /**
     * Cuts at quantiles of a sample of the key: a few thousand pages read at random (the same pages
     * every time) instead of sorting every key of the table, which for millions of rows took longer
     * than copying them. The cuts only balance the chunks; whatever they are, the ranges together
     * select every row exactly once.
     */
    private static List<Chunk> byKeyRanges(Connection source, TableInfo t, long pages, int wanted)
            throws SQLException {
        String key = Identifiers.quote(t.key().get(0));
        StringBuilder fractions = new StringBuilder();
        for (int i = 1; i < wanted; i++) {
            fractions.append(i == 1 ? "" : ", ").append((double) i / wanted);
        }
        double share = Math.min(100.0, 100.0 * SAMPLE_PAGES / Math.max(1, pages));
        String percent = String.format(Locale.ROOT, "%.6f", share);
        String sql = "SELECT (percentile_disc(ARRAY[" + fractions + "]::float8[]) WITHIN GROUP (ORDER BY " + key
                + "))::text[], format_type(a.atttypid, a.atttypmod) FROM ONLY " + t.sql()
                + " TABLESAMPLE SYSTEM (" + percent + ") REPEATABLE (0), pg_attribute a "
                + "WHERE a.attrelid = '" + t.sql().replace("'", "''") + "'::regclass AND a.attname = "
                + Identifiers.literal(t.key().get(0)) + " GROUP BY 2";
        Set<String> bounds = new LinkedHashSet<>();
        String type;
        try (PreparedStatement ps = source.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return List.of();
            }
            Array array = rs.getArray(1);
            for (Object bound : (Object[]) array.getArray()) {
                if (bound != null) {
                    bounds.add((String) bound);
                }
            }
            type = rs.getString(2);
        }
        List<String> cuts = new ArrayList<>(bounds);
        List<Chunk> chunks = new ArrayList<>();
        int of = cuts.size() + 1;
        for (int i = 0; i < of; i++) {
            String lower = i == 0 ? null : key + " >= CAST(" + Identifiers.literal(cuts.get(i - 1)) + " AS " + type + ")";
            String upper = i == cuts.size() ? null : key + " < CAST(" + Identifiers.literal(cuts.get(i)) + " AS " + type + ")";
            String predicate = lower == null ? upper : upper == null ? lower : lower + " AND " + upper;
            chunks.add(new Chunk(t.sql(), t.columns(), i, of, predicate, true));
        }
        return chunks;
    }

    private static List<Chunk> byPageRanges(TableInfo t, long pages, int wanted) {
        long step = Math.max(1, (pages + wanted - 1) / wanted);
        List<Chunk> chunks = new ArrayList<>();
        int of = (int) Math.max(1, (pages + step - 1) / step);
        for (int i = 0; i < of; i++) {
            long from = i * step;
            // The last range is open-ended, so pages added since the size was read are not missed.
            String predicate = "ctid >= '(" + from + ",0)'::tid"
                    + (i == of - 1 ? "" : " AND ctid < '(" + (from + step) + ",0)'::tid");
            chunks.add(new Chunk(t.sql(), t.columns(), i, of, i == 0 && of == 1 ? null : predicate, false));
        }
        return chunks;
    }
}
