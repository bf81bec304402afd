package io.ferry.transfer;

import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.ConstraintKind;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.View;
import io.ferry.schema.script.TransferScript;
import io.ferry.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a transfer or a dump copies: the chunks of every table with rows, and what follows the rows. */
final class CopyPlan {
    private CopyPlan() {
    }

    /**
     * Chunks of every table that holds rows itself (partitioned parents hold none; their partitions
     * are tables of their own), largest tables first so the longest copies start early. Generated
     * columns are left out: the target computes them.
     */
    static List<Chunk> chunks(Connection snapshot, Schema schema, TransferOptions options) throws SQLException {
        Map<String, Long> all = relationSizes(snapshot);
        Map<Table, Long> sizes = new LinkedHashMap<>();
        for (Table table : schema.tables().values()) {
            if (table.partitionKey() == null && !options.excludesData(table.name().schema(), table.name().name())) {
                sizes.put(table, all.getOrDefault(table.name().sql(), 0L));
            }
        }
        Map<String, List<String>> keys = new HashMap<>();
        for (Constraint c : schema.constraints().values()) {
            if (c.kind() == ConstraintKind.PRIMARY_KEY) {
                keys.put(c.table().sql(), c.columns());
            }
        }
        List<Table> largestFirst = new ArrayList<>(sizes.keySet());
        largestFirst.sort((a, b) -> Long.compare(sizes.get(b), sizes.get(a)));
        List<Chunk> chunks = new ArrayList<>();
        for (Table table : largestFirst) {
            List<String> columns = table.columns().stream().filter(c -> c.generated() == null)
                    .map(c -> Identifiers.quote(c.name())).toList();
            if (columns.isEmpty()) {
                continue;
            }
            if (sizes.get(table) <= options.chunkBytes()) {
                // One chunk whatever the planner would find: no query per table (a DataStore has thousands).
                chunks.add(new Chunk(table.name().sql(), columns, 0, 1, null, false));
            } else {
                chunks.addAll(ChunkPlanner.plan(snapshot, new ChunkPlanner.TableInfo(table.name().schema(),
                        table.name().name(), columns, keys.getOrDefault(table.name().sql(), List.of())),
                        options.chunkBytes(), options.verify() == Verify.CHECKSUMS, options.jobs()));
            }
        }
        return chunks;
    }

    /**
     * About how many rows the chunks hold, from the planner's statistics ({@code reltuples}): each
     * chunk counts as an equal share of its table. Only for showing progress.
     */
    static long estimatedRows(Connection c, List<Chunk> chunks) throws SQLException {
        Map<String, Integer> pendingByTable = new LinkedHashMap<>();
        Map<String, Integer> ofByTable = new LinkedHashMap<>();
        for (Chunk chunk : chunks) {
            pendingByTable.merge(chunk.table(), 1, Integer::sum);
            ofByTable.put(chunk.table(), chunk.of());
        }
        double rows = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = ?::regclass")) {
            for (Map.Entry<String, Integer> e : pendingByTable.entrySet()) {
                ps.setString(1, e.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        rows += rs.getDouble(1) * e.getValue() / ofByTable.get(e.getKey());
                    }
                }
            }
        }
        return Math.round(rows);
    }

    /** Tables whose rows stay behind ({@code --exclude-table-data}). */
    static List<String> structureOnly(Schema schema, TransferOptions options) {
        return schema.tables().values().stream()
                .filter(t -> options.excludesData(t.name().schema(), t.name().name()))
                .map(t -> t.name().sql()).toList();
    }

    /** Materialized views (created empty), in the order the script creates them. */
    static List<String> materializedViews(Schema schema, TransferScript script) {
        List<View> views = new ArrayList<>(schema.views().values().stream().filter(View::materialized).toList());
        List<String> pre = script.preData();
        views.sort((a, b) -> Integer.compare(pre.indexOf(a.createSql()), pre.indexOf(b.createSql())));
        return views.stream().map(v -> v.name().sql()).toList();
    }

    static void refresh(Connection target, List<String> materializedViews) throws SQLException {
        try (Statement st = target.createStatement()) {
            for (String view : materializedViews) {
                st.execute("REFRESH MATERIALIZED VIEW " + view);
            }
        }
    }

    /**
     * How two create scripts differ, statement by statement: the target's schema compared with the
     * source's, as normal forms without owners and grants unless those were kept.
     */
    static List<String> schemaDifferences(List<String> expected, List<String> actual) {
        Set<String> want = new HashSet<>(expected);
        Set<String> have = new HashSet<>(actual);
        List<String> differences = new ArrayList<>();
        want.stream().filter(s -> !have.contains(s)).sorted().forEach(s -> differences.add("missing on target: " + s));
        have.stream().filter(s -> !want.contains(s)).sorted().forEach(s -> differences.add("only on target: " + s));
        return differences;
    }

    /** The ordinary tables (quoted names) smaller than {@code bytes}. */
    static Set<String> smallTables(Connection c, long bytes) throws SQLException {
        Set<String> small = new HashSet<>();
        relationSizes(c).forEach((table, size) -> {
            if (size < bytes) {
                small.add(table);
            }
        });
        return small;
    }

    /** Every ordinary table's size in bytes, by its quoted name, in one query. */
    private static Map<String, Long> relationSizes(Connection c) throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname, pg_relation_size(c.oid) FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'")) {
            while (rs.next()) {
                sizes.put(Identifiers.quote(rs.getString(1)) + "." + Identifiers.quote(rs.getString(2)), rs.getLong(3));
            }
        }
        return sizes;
    }
}
