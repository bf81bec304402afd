package io.ferry.plan.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.connect.CkanIni;
import io.ferry.connect.ConnectionSpec;
import io.ferry.connect.Environment;
import io.ferry.plan.Checkpoints;
import io.ferry.plan.Plan;
import io.ferry.plan.PlanReader;
import io.ferry.sql.SqlErrors;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers what a plan's report shows, as one JSON document (the JSON report itself; the Markdown and
 * HTML pages are drawn from it): the plan, each step as recorded in the checkpoints, rows per table
 * before (what the copy step moved) and after (counted on the target now), the assertions of the
 * migrations and SQL steps of this run, demoted sysadmins, harvest sources, schema verification and
 * warnings.
 */
public final class ReportData {
    /**
     * Ferry's migration history: Ferry's own bookkeeping, not one of the catalog's tables, so it is
     * neither counted nor charted.
     */
    private static final String HISTORY_TABLE = "\"public\".\"ferry_schema_history\"";

    /**
     * The report step that is writing this report: its checkpoint still says "started", but by the
     * time anyone reads the report it has finished (a report that could not be written does not
     * exist), so it is shown as finished, with its time so far and the summary it will record.
     * {@code startNanos} is its {@link System#nanoTime()} when it started.
     */
    public record Writer(String step, long startNanos, String summary) {
    }

    private ReportData() {
    }

    /** What the plan took from each {@code ckan_ini:} connection's config; passwords as ***. */
    private static void sites(Plan plan, Environment env, ObjectNode sites) {
        plan.connections().forEach((name, text) -> {
            if (!text.startsWith(PlanReader.CKAN_INI)) {
                return;
            }
            CkanIni site = CkanIni.read(Path.of(text.substring(PlanReader.CKAN_INI.length())), env);
            ObjectNode node = sites.putObject(name);
            node.put("config", site.file().toString());
            for (String key : CkanIni.MOVE_KEYS) {
                site.setting(key).ifPresent(s -> node.putObject(key).put("value", s.shown()).put("from", s.source()));
            }
            node.put("site_id", site.siteId());
        });
    }

    /** The report of a run; {@code writer} is the report step writing it, or null for a failed run's report. */
    public static ObjectNode collect(Plan plan, Environment env, ConnectionSpec target,
                                     Map<String, Checkpoints.Row> recorded,
                                     Writer writer) {
        ObjectNode root = Json.compact().createObjectNode();
        root.put("plan", plan.name());
        root.put("description", plan.description());
        root.put("target", target.display());
        root.put("generated_at", OffsetDateTime.now().toString());
        sites(plan, env, root.putObject("sites"));
        ArrayNode steps = root.putArray("steps");
        ArrayNode warnings = root.putArray("warnings");
        ArrayNode verification = root.putArray("verification");
        ArrayNode indexVerification = root.putArray("index_verification");
        ArrayNode assertions = root.putArray("assertions");
        Map<String, Long> before = new TreeMap<>();
        Map<String, String> excludedBy = new TreeMap<>();
        OffsetDateTime firstStart = null;
        ObjectNode writing = null;
        for (Plan.Entry entry : plan.steps()) {
            Checkpoints.Row row = recorded.get(entry.name());
            ObjectNode step = steps.addObject();
            step.put("name", entry.name());
            step.put("kind", entry.spec().kind());
            if (row == null) {
                step.put("status", "not run");
                continue;
            }
            firstStart = firstStart == null || row.startedAt().isBefore(firstStart) ? row.startedAt() : firstStart;
            if (writer != null && entry.name().equals(writer.step())) {
                writing = step;
                step.put("status", "finished");
                step.put("started_at", row.startedAt().toString());
                step.put("summary", writer.summary());
                step.putNull("error");
                continue; // duration_ms is set once the figures are gathered
            }
            step.put("status", row.status());
            step.put("started_at", row.startedAt().toString());
            if (row.durationMs() != null) {
                step.put("duration_ms", row.durationMs());
            }
            step.put("summary", row.summary());
            step.put("error", row.error());
            JsonNode result = row.result();
            if (result == null) {
                continue;
            }
            result.path("warnings").forEach(w -> warnings.add(entry.name() + ": " + w.asText()));
            result.path("tables").fields().forEachRemaining(e -> before.merge(e.getKey(), e.getValue().asLong(),
                    Long::sum));
            result.path("structure_only").forEach(t -> excludedBy.putIfAbsent(t.asText(), entry.name()));
            if (entry.spec().kind().equals("verify")) {
                ObjectNode v = verification.addObject();
                v.put("step", entry.name());
                v.setAll((ObjectNode) result);
                v.remove("warnings");
            }
            if (entry.spec().kind().equals("reindex")) {
                ObjectNode v = indexVerification.addObject();
                v.put("step", entry.name());
                v.put("target", result.path("target").asText());
                v.put("indexed", result.path("indexed").asLong());
                v.setAll((ObjectNode) result.path("index_verification"));
            }
            if (result.has("assertions")) {
                ObjectNode a = assertions.addObject();
                a.put("script", entry.name() + " (" + result.path("script").asText() + ")");
                a.set("captures", result.path("assertions").path("captures"));
                a.set("checks", result.path("assertions").path("checks"));
            }
        }
        try (Connection c = target.open()) {
            tables(c, before, excludedBy, root.putArray("tables"));
            migrationAssertions(c, firstStart, assertions);
            demoted(c, root.putArray("demoted_sysadmins"));
            harvestSources(c, root.putArray("harvest_sources"));
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "cannot read the report's figures from " + target.display()
                    + ": " + SqlErrors.describe(e), e);
        }
        if (writing != null) {
            writing.put("duration_ms", (System.nanoTime() - writer.startNanos()) / 1_000_000);
        }
        return root;
    }

    /**
     * Rows per table: moved by the copy step (before) and counted on the target now (after), with a
     * note where "before" or "after" is missing on purpose: data the plan excluded from the copy, or a
     * table that a later step created or dropped.
     */
    private static void tables(Connection c, Map<String, Long> before, Map<String, String> excludedBy, ArrayNode out)
            throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT '\"' || replace(n.nspname, '\"', '\"\"') || '\".\"' || replace(c.relname, '\"', '\"\"') || '\"'"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'ferry')"
                        + " AND n.nspname NOT LIKE 'pg_%' ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        tables.remove(HISTORY_TABLE);
        Map<String, Long> after = new TreeMap<>();
        try (Statement st = c.createStatement()) {
            for (String table : tables) {
                // Every name quoted, as the copy step's report keys them.
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    after.put(table, rs.getLong(1));
                }
            }
        }
        boolean copied = !before.isEmpty() || !excludedBy.isEmpty();
        TreeMap<String, Long> all = new TreeMap<>(before);
        all.remove(HISTORY_TABLE);
        after.forEach((k, v) -> all.putIfAbsent(k, 0L));
        for (String table : all.keySet()) {
            ObjectNode row = out.addObject();
            row.put("table", table.replace("\"", ""));
            if (before.containsKey(table)) {
                row.put("before", before.get(table));
            } else {
                row.putNull("before");
            }
            if (after.containsKey(table)) {
                row.put("after", after.get(table));
            } else {
                row.putNull("after");
            }
            if (excludedBy.containsKey(table)) {
                row.put("note", "data excluded by step " + excludedBy.get(table));
            } else if (!after.containsKey(table)) {
                row.put("note", "dropped after the copy");
            } else if (copied && !before.containsKey(table)) {
                row.put("note", "created after the copy");
            }
        }
    }

    /** The captures and assertion outcomes of migrations applied since this plan's first step started. */
    private static void migrationAssertions(Connection c, OffsetDateTime since, ArrayNode out) throws SQLException {
        if (since == null || !exists(c, "public.ferry_schema_history")) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT module || ' ' || version || ' (' || script || ')', "
                + "assertions::text FROM public.ferry_schema_history WHERE assertions IS NOT NULL AND installed_on >= ? "
                + "ORDER BY installed_rank")) {
            ps.setObject(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode json = Json.compact().readTree(rs.getString(2));
                    ObjectNode a = out.addObject();
                    a.put("script", rs.getString(1));
                    a.set("captures", json.path("captures"));
                    a.set("checks", json.path("checks"));
                }
            }
        } catch (JsonProcessingException e) {
            throw new FerryException(ErrorCode.INTERNAL, "a history row's assertions are not JSON", e);
        }
    }

    private static void demoted(Connection c, ArrayNode out) throws SQLException {
        if (!exists(c, "ferry.ckan_demoted_sysadmin")) {
            return;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name, fullname, "
                + "date_trunc('second', demoted_at)::text, restored_at IS NOT NULL FROM ferry.ckan_demoted_sysadmin "
                + "ORDER BY name")) {
            while (rs.next()) {
                ObjectNode row = out.addObject();
                row.put("name", rs.getString(1));
                row.put("fullname", rs.getString(2));
                row.put("demoted_at", rs.getString(3));
                row.put("restored", rs.getBoolean(4));
            }
        }
    }

    /** Harvest sources by type, as the target has them after the run (when it has harvest tables). */
    private static void harvestSources(Connection c, ArrayNode out) throws SQLException {
        if (!exists(c, "public.harvest_source")) {
            return;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT type, count(*) FROM public.harvest_source GROUP BY type ORDER BY type")) {
            while (rs.next()) {
                ObjectNode row = out.addObject();
                row.put("type", rs.getString(1));
                row.put("sources", rs.getLong(2));
            }
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
