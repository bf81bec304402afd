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
        Map<Table, Long> sizes = new LinkedHashMap<>();
        for (Table table : schema.tables().values()) {
            if (table.partitionKey() == null && !options.excludesData(table.name().schema(), table.name().name())) {
                sizes.put(table, relationSize(snapshot, table));
            }
        }
        List<Table> largestFirst = new ArrayList<>(sizes.keySet());
        largestFirst.sort((a, b) -> Long.compare(sizes.get(b), sizes.get(a)));
        List<Chunk> chunks = new ArrayList<>();
        for (Table table : largestFirst) {
            List<String> columns = table.columns().stream().filter(c -> c.generated() == null)
                    .map(c -> Identifiers.quote(c.name())).toList();
            if (!columns.isEmpty()) {
                chunks.addAll(ChunkPlanner.plan(snapshot, new ChunkPlanner.TableInfo(table.name().schema(),
                        table.name().name(), columns, primaryKey(schema, table)), options.chunkBytes(),
                        options.verify() == Verify.CHECKSUMS, options.jobs()));
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

    private static List<String> primaryKey(Schema schema, Table table) {
        return schema.constraints().values().stream()
                .filter(c -> c.table().equals(table.name()) && c.kind() == ConstraintKind.PRIMARY_KEY)
                .findFirst().map(Constraint::columns).orElse(List.of());
    }

    private static long relationSize(Connection c, Table table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_relation_size(?::regclass)")) {
            ps.setString(1, table.name().sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
