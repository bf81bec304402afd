package io.ferry.transfer;

import io.ferry.sql.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which {@link RowHash} each table's checksums use. Turning every row into text is most of the cost
 * of a checksum; {@code hash_record_extended} hashes a row with its columns' own hash functions
 * instead. It is used for a table only where it finds every change the text hash finds, and hashes
 * equal rows equally on both servers:
 * <ul>
 * <li>both servers run the same major version, 14 or later (the function is new in 14, and a
 *     type's hash function may change between majors), with the same encoding;</li>
 * <li>every column, through domains, composite types and ranges, is of a built-in type whose
 *     equality is identity: its default btree operator class says so ({@code btequalimage}, or
 *     {@code btvarstrequalimage} under a deterministic collation). Elsewhere values that differ in
 *     text hash alike: numeric {@code 1.0} and {@code 1.00}, {@code 0} and {@code -0}, {@code '1 day'}
 *     and {@code '24 hours'}, {@code 'A'} and {@code 'a'} under a case-insensitive collation;</li>
 * <li>no enum (hashed by its OID, which differs between the two databases), no {@code reg*} type
 *     (an OID as well), no array (hashed without its bounds: {@code '{1,2}'} and
 *     {@code '[0:1]={1,2}'} alike), no {@code character} without a length (trailing blanks ignored);</li>
 * <li>and both servers find a hash function for every column (a probe on each).</li>
 * </ul>
 * Other tables fall back to {@link RowHash#between}, the text hash both servers have.
 */
final class RowHashChoice {
    /** How many tables hashed by their text {@link #describe} names; the rest are counted. */
    private static final int NAMED = 10;
    /** The first version with {@code hash_record_extended}. */
    private static final int RECORD_FROM = 140000;

    /**
     * Per column of an ordinary table that {@code hash_record_extended} cannot hash as the text hash
     * would: the table, the column, its type and why. A column's type is followed through domains,
     * composite types, ranges and multiranges down to the types they are made of.
     */
    private static final String UNFIT_COLUMNS = """
            WITH RECURSIVE cols AS (
              SELECT c.oid AS rel, a.attname::text AS col, a.atttypid AS top, a.atttypid AS typ, a.atttypmod AS typmod,
                     a.attcollation AS coll, 0 AS depth
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
                AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              UNION ALL
              SELECT x.rel, x.col, x.top, s.typ, s.typmod, s.coll, x.depth + 1
              FROM cols x JOIN pg_type t ON t.oid = x.typ
              CROSS JOIN LATERAL (
                SELECT t.typbasetype, t.typtypmod, x.coll WHERE t.typtype = 'd'
                UNION ALL SELECT r.rngsubtype, -1, r.rngcollation FROM pg_range r
                  WHERE (t.typtype = 'r' AND r.rngtypid = t.oid) OR (t.typtype = 'm' AND r.rngmultitypid = t.oid)
                UNION ALL SELECT f.atttypid, f.atttypmod, f.attcollation FROM pg_attribute f
                  WHERE t.typtype = 'c' AND f.attrelid = t.typrelid AND f.attnum > 0 AND NOT f.attisdropped
              ) s(typ, typmod, coll)
              WHERE x.depth < 16
            ),
            leaves AS (
              SELECT x.*, t.typname, t.typtype, t.typcategory, t.typnamespace = 'pg_catalog'::regnamespace AS builtin,
                t.oid <> 'oid'::regtype AND EXISTS (SELECT 1 FROM pg_cast k WHERE k.castsource = t.oid
                          AND k.casttarget = 'oid'::regtype AND k.castmethod = 'b')
                  AND NOT EXISTS (SELECT 1 FROM pg_opclass o JOIN pg_am m ON m.oid = o.opcmethod
                                  WHERE m.amname = 'hash' AND o.opcintype = t.oid) AS an_oid,
                EXISTS (SELECT 1 FROM pg_opclass o JOIN pg_am m ON m.oid = o.opcmethod
                          JOIN pg_amproc p ON p.amprocfamily = o.opcfamily AND p.amprocnum = 2
                                          AND p.amproclefttype = o.opcintype
                        WHERE m.amname = 'hash' AND o.opcdefault
                          AND (o.opcintype = t.oid OR EXISTS (SELECT 1 FROM pg_cast k WHERE k.castsource = t.oid
                                 AND k.casttarget = o.opcintype AND k.castmethod = 'b' AND k.castcontext = 'i'))) AS hashed,
                (SELECT p.amproc::regproc::text FROM pg_opclass o JOIN pg_am m ON m.oid = o.opcmethod
                   JOIN pg_amproc p ON p.amprocfamily = o.opcfamily AND p.amprocnum = 4 AND p.amproclefttype = o.opcintype
                 WHERE m.amname = 'btree' AND o.opcdefault
                   AND (o.opcintype = t.oid OR EXISTS (SELECT 1 FROM pg_cast k WHERE k.castsource = t.oid
                          AND k.casttarget = o.opcintype AND k.castmethod = 'b' AND k.castcontext = 'i'))
                 ORDER BY o.opcintype = t.oid DESC, p.amproc::regproc::text LIMIT 1) AS equalimage,
                coalesce((SELECT l.collisdeterministic FROM pg_collation l WHERE l.oid = x.coll), true) AS deterministic
              FROM cols x JOIN pg_type t ON t.oid = x.typ
              WHERE t.typtype NOT IN ('d', 'r', 'm', 'c') OR x.depth >= 16
            ),
            unfit AS (
              SELECT l.rel, l.col, l.top, CASE
                  WHEN l.typtype IN ('d', 'r', 'm', 'c') THEN 'types nested too deep'
                  WHEN l.typtype = 'e' THEN 'an enum, hashed by its OID'
                  WHEN l.typcategory = 'A' THEN 'an array, hashed without its bounds'
                  WHEN NOT l.builtin THEN 'a type of an extension'
                  WHEN l.an_oid THEN 'an OID type'
                  WHEN NOT l.hashed THEN 'no hash function'
                  WHEN l.equalimage = 'btvarstrequalimage' AND NOT l.deterministic THEN 'a nondeterministic collation'
                  WHEN l.typname = 'bpchar' AND l.typmod = -1 THEN 'character without a length'
                  WHEN l.equalimage IS DISTINCT FROM 'btequalimage' AND l.equalimage IS DISTINCT FROM 'btvarstrequalimage'
                    THEN 'equal values can differ in text'
                END AS why
              FROM leaves l
            )
            SELECT DISTINCT ON (u.rel, u.col) n.nspname, c.relname, u.col, format_type(u.top, NULL), u.why
            FROM unfit u JOIN pg_class c ON c.oid = u.rel JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE u.why IS NOT NULL
            ORDER BY u.rel, u.col, u.why""";

    private final RowHash fallback;
    private final boolean records;
    /** Per table (as {@link Chunk#table()} names it) that falls back, why (a column, its type, the reason). */
    private final Map<String, String> unfit;
    /** Why no table uses {@link RowHash#RECORD}, when none can (the servers' versions or encodings). */
    private final String noRecords;

    /** Per table an earlier run recorded chunks of: the hash they were summed with. */
    private final Map<String, RowHash> kept;
    /** Tables an earlier run recorded chunks of without checksums (or with different hashes): checked by counts. */
    private final Set<String> counted;

    private RowHashChoice(RowHash fallback, boolean records, Map<String, String> unfit, String noRecords) {
        this(fallback, records, unfit, noRecords, Map.of(), Set.of());
    }

    private RowHashChoice(RowHash fallback, boolean records, Map<String, String> unfit, String noRecords,
                          Map<String, RowHash> kept, Set<String> counted) {
        this.fallback = fallback;
        this.records = records;
        this.unfit = Map.copyOf(unfit);
        this.noRecords = noRecords;
        this.kept = Map.copyOf(kept);
        this.counted = Set.copyOf(counted);
    }

    /**
     * This choice for a copy that resumes {@code plan}: a table's checksum adds the sums recorded for
     * its chunks to the sums of the chunks copied now, so a table keeps the hash its recorded chunks
     * were summed with, whatever this run would choose (an earlier Ferry may have chosen otherwise).
     * A table whose recorded chunks were copied without checksums ({@code --verify counts}), or with
     * two hashes, has no checksum to finish: it is checked by its count. A chunk recorded by a Ferry
     * that did not record hashes was summed with the text hash both servers have (the only one then),
     * or not at all when its sum is zero.
     */
    RowHashChoice resuming(List<TransferState.Entry> plan) {
        Map<String, Set<String>> recorded = new TreeMap<>();
        for (TransferState.Entry e : plan) {
            if (e.done() && e.copied().rows() > 0) { // an empty chunk sums to zero under every hash
                String hash = e.hash() != null ? e.hash()
                        : e.copied().sum().signum() == 0 ? TransferState.NO_HASH : fallback.label();
                recorded.computeIfAbsent(e.chunk().table(), t -> new TreeSet<>()).add(hash);
            }
        }
        Map<String, RowHash> keep = new TreeMap<>();
        Set<String> count = new TreeSet<>();
        recorded.forEach((table, hashes) -> {
            if (hashes.size() > 1 || hashes.contains(TransferState.NO_HASH)) {
                count.add(table);
            } else {
                keep.put(table, RowHash.ofLabel(hashes.iterator().next()));
            }
        });
        return new RowHashChoice(fallback, records, unfit, noRecords, keep, count);
    }

    /** Every table hashed by {@code hash}. */
    static RowHashChoice uniform(RowHash hash) {
        return new RowHashChoice(hash, false, Map.of(), null);
    }

    /**
     * The hash of each of {@code tables} (as {@link Chunk#table()} names them), which must exist on
     * both servers. Probes run in a savepoint where a connection is in a transaction, so a failed one
     * leaves it usable.
     */
    static RowHashChoice between(Connection source, Connection target, Collection<String> tables) throws SQLException {
        int sourceVersion = ServerVersions.of(source);
        int targetVersion = ServerVersions.of(target);
        RowHash fallback = RowHash.between(sourceVersion, targetVersion);
        if (sourceVersion < RECORD_FROM || targetVersion < RECORD_FROM) {
            return new RowHashChoice(fallback, false, Map.of(), "a server is older than 14 (no hash_record_extended)");
        }
        if (sourceVersion / 10000 != targetVersion / 10000) {
            return new RowHashChoice(fallback, false, Map.of(), "the servers run different major versions, whose hash "
                    + "functions may differ");
        }
        String encoding = setting(source, "server_encoding");
        if (!encoding.equals(setting(target, "server_encoding"))) {
            return new RowHashChoice(fallback, false, Map.of(), "the servers' encodings differ");
        }
        Set<String> wanted = new TreeSet<>(tables);
        Map<String, String> unfit = new TreeMap<>();
        unfitColumns(source, wanted, unfit);
        unfitColumns(target, wanted, unfit);
        for (String table : wanted) {
            if (!unfit.containsKey(table) && !(hashes(source, table) && hashes(target, table))) {
                unfit.put(table, "a column without a hash function");
            }
        }
        return new RowHashChoice(fallback, true, unfit, null);
    }

    /**
     * The hash of the rows of {@code table} (as {@link Chunk#table()} names it); null when the table
     * is checked by its count ({@link #resuming}).
     */
    RowHash forTable(String table) {
        if (counted.contains(table)) {
            return null;
        }
        return kept.getOrDefault(table, fresh(table));
    }

    /** The hash this run chooses for the table, ignoring what a resumed run recorded. */
    private RowHash fresh(String table) {
        return records && !unfit.containsKey(table) ? RowHash.RECORD : fallback;
    }

    /** How the checksums hash rows, in a few lines for people. */
    List<String> describe(Collection<String> tables) {
        Set<String> all = new TreeSet<>(tables);
        String hash = fallback == RowHash.MD5 ? "md5 of each row's text" : "hashtextextended of each row's text";
        List<String> lines = new ArrayList<>();
        if (!records) {
            lines.add("row checksums: " + hash + (noRecords == null ? "" : " (" + noRecords + ")"));
        } else {
            long byRecord = all.stream().filter(t -> forTable(t) == RowHash.RECORD).count();
            lines.add("row checksums: hash_record_extended for " + byRecord + " of " + all.size() + " tables"
                    + (byRecord == all.size() ? "" : ", " + hash + " for the others"));
            // Named one by one up to a screenful: a DataStore has thousands of tables of a few shapes.
            List<String> text = all.stream().filter(unfit::containsKey).filter(t -> forTable(t) == fallback).toList();
            text.stream().limit(NAMED).forEach(t -> lines.add("  " + t + ": row text (" + unfit.get(t) + ")"));
            if (text.size() > NAMED) {
                String why = text.stream().skip(NAMED).map(t -> unfit.get(t).substring(unfit.get(t).lastIndexOf(": ") + 2))
                        .distinct().sorted().collect(Collectors.joining("; "));
                lines.add("  and " + (text.size() - NAMED) + " more tables by row text (" + why + ")");
            }
        }
        List<String> resumed = all.stream().filter(kept::containsKey).filter(t -> kept.get(t) != fresh(t))
                .map(t -> t + " (" + kept.get(t).label() + ")").toList();
        if (!resumed.isEmpty()) {
            lines.add("hashed as the run resumed summed their chunks: " + named(resumed));
        }
        List<String> byCount = all.stream().filter(counted::contains).toList();
        if (!byCount.isEmpty()) {
            lines.add("checked by row counts, as the run resumed copied some of their rows without checksums: "
                    + named(byCount));
        }
        return lines;
    }

    /** The first {@link #NAMED} of {@code names}, and how many more. */
    private static String named(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(NAMED, names.size())))
                + (names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "");
    }

    private static void unfitColumns(Connection c, Set<String> wanted, Map<String, String> unfit) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(UNFIT_COLUMNS)) {
            while (rs.next()) {
                String table = Identifiers.quote(rs.getString(1)) + "." + Identifiers.quote(rs.getString(2));
                if (wanted.contains(table)) {
                    unfit.putIfAbsent(table, "column " + Identifiers.quote(rs.getString(3)) + " " + rs.getString(4) + ": "
                            + rs.getString(5));
                }
            }
        }
    }

    /**
     * Whether the server finds a hash function for each column of the table: the catalog rules above
     * follow how PostgreSQL looks one up, and this makes sure, rather than let a copy fail on it.
     * The lookup happens for null values too; the constant keeps the row from being all null.
     */
    private static boolean hashes(Connection c, String table) throws SQLException {
        String probe = "SELECT " + RowHash.RECORD.of("ROW((NULL::" + table + ").*, 1)");
        Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(probe)) {
            rs.next();
        } catch (SQLException e) {
            if (savepoint != null) {
                c.rollback(savepoint);
            }
            return false;
        }
        if (savepoint != null) {
            c.releaseSavepoint(savepoint);
        }
        return true;
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
