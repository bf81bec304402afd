package io.ferry.plan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML and Markdown pages drawn from a report's JSON, on a report made to be hard to lay out: long
 * names, large counts, long SQL. The layout itself is measured in headless Chromium at 1280 px.
 */
class HtmlTest {
    static final String LONG_SQL = "SELECT count(*) = :tags - :removed FROM package_extra WHERE key IN ("
            + "'a_very_long_key_" + "x".repeat(240) + "') AND value NOT IN ('business-and-economy', 'crime-and-justice', "
            + "'defence', 'education', 'environment', 'government', 'government-spending', 'health', 'mapping')";

    /** A report as ReportData writes it, with the awkward cases the real ones have. */
    static ObjectNode report(boolean warnings) {
        ObjectNode r = Json.compact().createObjectNode();
        r.put("plan", "dgu");
        r.put("description", "a catalog moved and upgraded");
        r.put("target", "postgres://ckan@db.example.org:5432/a_database_name_that_is_rather_long_for_a_line");
        r.put("generated_at", "2026-12-05T21:23:25Z");
        ArrayNode steps = r.putArray("steps");
        step(steps, "copy", "transfer", 36_200, "copied 1,234,567 rows in 51 tables (3 structure only), verified");
        step(steps, "migrate", "migrate", 4_100, "applied 37 migrations; core at 86, dgu at 16, harvest at 6");
        step(steps, "verify-schema-against-ckan-2.8-model", "verify", 1_200, "the schema matches builtin:ckan-2.8");
        step(steps, "reindex", "reindex", 126_500, "indexed 46,800 datasets; the index matches the database");
        step(steps, "report", "report", 90, "report written: /" + "reports/".repeat(20) + "report.html");
        ArrayNode tables = r.putArray("tables");
        table(tables, "public.package_extra", 17_228L, 16_612L, null);
        table(tables, "public.package_extra_revision", 1_234_567_890L, 1_234_567_000L, null);
        table(tables, "public.resource_group", 500L, null, "dropped after the copy");
        table(tables, "public.harvest_log", null, 36L, "created after the copy");
        table(tables, "public.tag", null, 0L, "data excluded by step copy");
        table(tables, "a_schema_with_a_long_name.a_table_whose_name_is_as_long_as_postgres_allows_it_x", 12L, 12L, null);
        table(tables, "public.vocabulary", 0L, 0L, null);
        ArrayNode assertions = r.putArray("assertions");
        for (int i = 1; i <= 30; i++) {
            ObjectNode a = assertions.addObject();
            a.put("script", "dgu " + i + " (dgu/" + String.format("%03d", i) + "_remove_resource_list_extras.sql)");
            a.putObject("captures").put("tags", "4960").put("removed", "147").put("others_named_by_fullname", "0");
            ArrayNode checks = a.putArray("checks");
            checks.addObject().put("assert", LONG_SQL).put("passed", true);
            checks.addObject().put("assert", "SELECT NOT EXISTS (SELECT 1 FROM tag)").put("passed", i != 7);
        }
        ObjectNode capturesOnly = assertions.addObject().put("script", "core 86 (core/086_drop_openid_column.sql)");
        capturesOnly.putObject("captures").put("openid_users", "0");
        capturesOnly.putArray("checks");
        ArrayNode demoted = r.putArray("demoted_sysadmins");
        demoted.addObject().put("name", "dgu").putNull("fullname").put("restored", false);
        demoted.addObject().put("name", "user_d11").put("fullname", "Harry Davies").put("restored", true);
        r.putArray("harvest_sources").addObject().put("type", "csw").put("sources", 3);
        r.putArray("verification").addObject().put("step", "verify-schema").put("model", "builtin:ckan-2.8")
                .put("matches", true).put("known_differences", 0);
        r.putArray("index_verification");
        ArrayNode w = r.putArray("warnings");
        if (warnings) {
            w.add("copy: 3 resources have extras that are not JSON");
        }
        return r;
    }

    private static void step(ArrayNode steps, String name, String kind, long ms, String summary) {
        steps.addObject().put("name", name).put("kind", kind).put("status", "finished").put("duration_ms", ms)
                .put("summary", summary).putNull("error");
    }

    private static void table(ArrayNode tables, String name, Long before, Long after, String note) {
        ObjectNode t = tables.addObject().put("table", name);
        if (before == null) {
            t.putNull("before");
        } else {
            t.put("before", before);
        }
        if (after == null) {
            t.putNull("after");
        } else {
            t.put("after", after);
        }
        if (note != null) {
            t.put("note", note);
        }
    }

    @Test
    void thePageIsSelfContained() {
        String page = Html.render(report(true));
        for (String fetchOrRun : List.of("src=", "href=", "<link", "<script", "url(", "@import")) {
            assertFalse(page.contains(fetchOrRun), "the page fetches nothing and runs nothing: " + fetchOrRun);
        }
    }

    @Test
    void warningsHaveASectionOnlyWhenThereAreSome() {
        assertFalse(Html.render(report(false)).contains("Warnings"));
        assertFalse(Markdown.render(report(false)).contains("Warnings"));
        String html = Html.render(report(true));
        assertTrue(html.contains("<h2>Warnings</h2>\n<ul>\n<li>copy: 3 resources have extras that are not JSON</li>"),
                html);
        assertTrue(Markdown.render(report(true)).contains("## Warnings\n\n- copy: 3 resources have extras that are not JSON"));
    }

    @Test
    void aDemotedSysadminWithoutFullNameIsShownByNameAlone() {
        String html = Html.render(report(false));
        assertTrue(html.contains("<li>dgu</li>"), html);
        assertTrue(html.contains("<li>user_d11 (Harry Davies), restored since</li>"), html);
        assertFalse(html.contains("()"), html);
        String md = Markdown.render(report(false));
        assertTrue(md.contains("- dgu\n- user_d11 (Harry Davies), restored since\n"), md);
        assertTrue(md.contains("ferry ckan sysadmins restore"), md);
    }

    @Test
    void tablesWhoseDataWasLeftOutOnPurposeSaySo() {
        String html = Html.render(report(false));
        assertTrue(html.contains("<td class=\"wrap\">public.tag</td><td class=\"n\">-</td><td class=\"n\">0</td>"
                + "<td class=\"note wrap\">data excluded by step copy</td>"), html);
        assertTrue(Markdown.render(report(false)).contains("| public.tag | - | 0 | data excluded by step copy |"));
        // A table without rows on either side is listed, not charted.
        assertTrue(html.contains("2 tables without rows before or after are in the table only."), html);
        assertFalse(svg(html, "rows per table").contains("public.tag"));
        assertTrue(svg(html, "rows per table").contains("500 / - (dropped after the copy)"));
    }

    @Test
    void assertionsAreOneRowPerMigrationWithTheOutcomeFirstAndTheSqlFolded() {
        String html = Html.render(report(false));
        String section = html.substring(html.indexOf("<h2 id=\"assertions\">"), html.indexOf("<h2>Demoted"));
        assertEquals(31, count(section, "<tr><td class=\"outcome "), section);
        assertEquals(30, count(section, "<details"));
        assertTrue(section.contains("60 assertions in 31 migrations or steps: <span class=\"bad\">1 failed</span>"),
                section);
        // A migration whose assertion failed is unfolded and says how many failed.
        assertTrue(section.contains("<tr><td class=\"outcome bad\">1 of 2 failed</td><td class=\"wrap\"><details open>"
                + "<summary>dgu 7 (dgu/007_remove_resource_list_extras.sql): 2 assertions</summary>"), section);
        assertTrue(section.contains("<tr><td class=\"outcome ok\">held</td><td class=\"wrap\"><details><summary>dgu 1 "),
                section);
        assertTrue(section.contains("<pre>" + Html.esc(LONG_SQL) + "</pre>"), section);
        // A migration that only captured values has no outcome to claim.
        assertTrue(section.contains("<tr><td class=\"outcome note\">no assertion</td><td class=\"wrap\">core 86 "
                + "(core/086_drop_openid_column.sql): captures only</td><td class=\"wrap\">openid_users = 0</td></tr>"),
                section);
        String md = Markdown.render(report(false));
        assertTrue(md.contains("- 1 of 2 FAILED: dgu 7 (dgu/007_remove_resource_list_extras.sql)"), md);
        assertTrue(md.contains("- no assertion: core 86 (core/086_drop_openid_column.sql)"), md);
    }

    @Test
    void theTimelineHasATimeAxis() {
        String timeline = svg(Html.render(report(false)), "timeline of the steps");
        // 168.09 s in all: a tick every 20 s.
        for (String tick : List.of(">0 s<", ">20 s<", ">80 s<", ">160 s<")) {
            assertTrue(timeline.contains(tick), tick + " in " + timeline);
        }
        assertFalse(timeline.contains(">180 s<"), timeline);
        assertEquals(1, Charts.tickStep(5.5));
        assertEquals(0.2, Charts.tickStep(1.4), 1e-9);
        assertEquals(20, Charts.tickStep(168.09));
        assertEquals(500, Charts.tickStep(3600));
    }

    @Test
    void atTwelveHundredEightyPixelsNothingScrollsSidewaysOrSpillsOutOfAChart(@TempDir Path dir) throws Exception {
        ReportLayout.chromium();
        Path html = dir.resolve("report.html");
        Files.writeString(html, Html.render(report(true)));
        ReportLayout.Measured measured = ReportLayout.measure(html, dir, 1280);
        measured.assertFits();
        assertEquals(5, measured.stepStatuses().size(), measured.dom());
        // The same page in a narrow window still fits: the charts scale down, long words wrap.
        ReportLayout.measure(html, dir, 700).assertFits();
    }

    @Test
    void aFailedRunsTimelineShowsTheFailureAndTheStepsNotRun(@TempDir Path dir) throws Exception {
        ObjectNode r = report(false);
        ArrayNode steps = r.putArray("steps");
        step(steps, "copy", "transfer", 36_200, "copied 1,234,567 rows in 51 tables (3 structure only), verified");
        steps.addObject().put("name", "migrate").put("kind", "migrate").put("status", "failed").put("duration_ms", 900)
                .put("error", "core 74: assertion failed: SELECT count(*) = :resources FROM resource");
        steps.addObject().put("name", "report").put("kind", "report").put("status", "not run");
        String html = Html.render(r);
        String timeline = svg(html, "timeline of the steps");
        assertTrue(timeline.contains(">failed after 0.9 s</text>"), timeline);
        assertTrue(timeline.contains("fill=\"#b3261e\""), timeline);
        assertTrue(timeline.contains(">not run</text>"), timeline);
        assertTrue(html.contains("<td class=\"status bad\">failed</td>"), html);
        ReportLayout.chromium();
        Path page = dir.resolve("report.html");
        Files.writeString(page, html);
        ReportLayout.Measured measured = ReportLayout.measure(page, dir, 1280);
        measured.assertFits();
        assertEquals(List.of("copy: finished", "migrate: failed", "report: not run"), measured.stepStatuses());
    }

    private static String svg(String html, String label) {
        int start = html.indexOf("<svg role=\"img\" aria-label=\"" + label);
        return html.substring(start, html.indexOf("</svg>", start));
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
