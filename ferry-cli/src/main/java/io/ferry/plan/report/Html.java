package io.ferry.plan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG (a timeline of the steps and
 * a bar chart of rows per table), no script and nothing fetched, so it opens anywhere, offline. Long
 * SQL is folded in {@code <details>} and long words wrap, so the page never scrolls sideways.
 */
final class Html {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:64em;color:#222;padding:0 1em}
            h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.25em .5em;text-align:left;vertical-align:top;overflow-wrap:break-word}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#16703a}.bad{color:#b3261e;font-weight:bold}
            .note{color:#555}.wrap{overflow-wrap:anywhere}code{background:#f4f4f4;padding:0 .2em;overflow-wrap:anywhere}
            pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f4;padding:.3em .5em;margin:.2em 0 .5em}
            table.assertions{table-layout:fixed}summary{cursor:pointer}ol{margin:.3em 0;padding-left:1.5em}
            svg{max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif}""";

    private Html() {
    }

    static String render(JsonNode r) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.append("<title>Plan ").append(esc(r.path("plan").asText())).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        h.append("<h1>Plan ").append(esc(r.path("plan").asText())).append("</h1>\n");
        if (r.path("description").isTextual()) {
            h.append("<p>").append(esc(r.path("description").asText())).append("</p>\n");
        }
        h.append("<p>Target <code>").append(esc(r.path("target").asText())).append("</code>, report of ")
                .append(esc(r.path("generated_at").asText())).append("</p>\n");
        list(h, "Warnings", r.path("warnings"), w -> esc(w.asText()));
        steps(h, r.path("steps"));
        tables(h, r.path("tables"));
        assertions(h, r.path("assertions"));
        if (list(h, "Demoted sysadmins", r.path("demoted_sysadmins"), d -> esc(Markdown.sysadmin(d)))) {
            h.append("<p class=\"note\">").append(esc(Markdown.RESTORE_HINT)).append("</p>\n");
        }
        list(h, "Harvest sources", r.path("harvest_sources"), s -> esc(s.path("type").asText()) + ": "
                + s.path("sources").asLong());
        list(h, "Schema verification", r.path("verification"), v -> esc(v.path("step").asText()) + " against <code>"
                + esc(v.path("model").asText()) + "</code>: " + (v.path("matches").asBoolean()
                ? "<span class=\"ok\">matches</span>" : "<span class=\"bad\">differs</span>")
                + (v.path("known_differences").asInt() > 0 ? " (" + v.path("known_differences").asInt()
                + " known differences)" : ""));
        list(h, "Search index verification", r.path("index_verification"), v -> esc(v.path("step").asText())
                + " into <code>" + esc(v.path("target").asText()) + "</code>: <span class=\""
                + (v.path("clean").asBoolean() ? "ok" : "bad") + "\">" + esc(Markdown.indexCheck(v)) + "</span>");
        return h.append("</body></html>\n").toString();
    }

    /** The steps as a table and a timeline: one bar per step, placed end to end by duration. */
    private static void steps(StringBuilder h, JsonNode steps) {
        h.append("<h2 id=\"steps\">Steps</h2>\n<table class=\"steps\"><tr><th>step</th><th>kind</th><th>status</th>"
                + "<th class=\"n\">duration</th><th>summary</th></tr>\n");
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode s : steps) {
            all.add(s);
            String status = s.path("status").asText();
            h.append("<tr><td>").append(esc(s.path("name").asText())).append("</td><td>")
                    .append(esc(s.path("kind").asText())).append("</td><td class=\"status")
                    .append(status.equals("failed") ? " bad" : status.equals("finished") ? " ok" : "").append("\">")
                    .append(esc(status)).append("</td><td class=\"n\">").append(seconds(s)).append("</td><td class=\"wrap\">")
                    .append(esc(s.path("error").isTextual() ? s.path("error").asText() : s.path("summary").asText("")))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n").append(Charts.timeline(all));
        h.append("<p class=\"note\">Steps end to end by duration, in seconds; waits between steps (such as a "
                + "resumed run) are left out.</p>\n");
    }

    /** Rows per table, before and after: a bar chart of the tables that hold rows, and a table of all. */
    private static void tables(StringBuilder h, JsonNode tables) {
        h.append("<h2 id=\"tables\">Rows per table</h2>\n");
        List<JsonNode> rows = new ArrayList<>();
        tables.forEach(rows::add);
        rows.sort((a, b) -> Long.compare(largest(b), largest(a)));
        List<JsonNode> charted = rows.stream().filter(t -> largest(t) > 0).toList();
        if (!charted.isEmpty()) {
            h.append(Charts.rows(charted));
        }
        if (charted.size() < rows.size()) {
            h.append("<p class=\"note\">").append(rows.size() - charted.size())
                    .append(" tables without rows before or after are in the table only.</p>\n");
        }
        h.append("<table><tr><th>table</th><th class=\"n\">before (copied)</th><th class=\"n\">after (now)</th>"
                + "<th>note</th></tr>\n");
        for (JsonNode t : rows) {
            h.append("<tr><td class=\"wrap\">").append(esc(t.path("table").asText())).append("</td><td class=\"n\">")
                    .append(count(t.path("before"))).append("</td><td class=\"n\">").append(count(t.path("after")))
                    .append("</td><td class=\"note wrap\">").append(esc(t.path("note").asText(""))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static long largest(JsonNode t) {
        return Math.max(t.path("before").asLong(0), t.path("after").asLong(0));
    }

    /**
     * One row per migration (or SQL step): its outcome first, so it stays in view, then the values it
     * captured, and its assertions' SQL folded away (unfolded where one failed).
     */
    private static void assertions(StringBuilder h, JsonNode assertions) {
        h.append("<h2 id=\"assertions\">Assertions</h2>\n");
        if (assertions.isEmpty()) {
            h.append("<p>None.</p>\n");
            return;
        }
        int checks = 0;
        int failed = 0;
        for (JsonNode a : assertions) {
            for (JsonNode c : a.path("checks")) {
                checks++;
                failed += c.path("passed").asBoolean() ? 0 : 1;
            }
        }
        h.append("<p>").append(checks).append(checks == 1 ? " assertion" : " assertions").append(" in ")
                .append(assertions.size()).append(assertions.size() == 1 ? " migration or step: " : " migrations or steps: ")
                .append(failed == 0 ? "<span class=\"ok\">all held</span>" : "<span class=\"bad\">" + failed + " failed</span>")
                .append(".</p>\n<table class=\"assertions\"><colgroup><col style=\"width:7em\"><col style=\"width:62%\">"
                        + "<col></colgroup>\n<tr><th>outcome</th><th>migration and its assertions</th><th>captured before "
                        + "it ran</th></tr>\n");
        assertions.forEach(a -> assertionRow(h, a));
        h.append("</table>\n");
    }

    private static void assertionRow(StringBuilder h, JsonNode a) {
        int n = a.path("checks").size();
        int bad = 0;
        StringBuilder sql = new StringBuilder();
        for (JsonNode c : a.path("checks")) {
            boolean passed = c.path("passed").asBoolean();
            bad += passed ? 0 : 1;
            sql.append("<li><span class=\"").append(passed ? "ok\">held" : "bad\">failed").append("</span><pre>")
                    .append(esc(c.path("assert").asText())).append("</pre></li>");
        }
        StringBuilder captured = new StringBuilder();
        a.path("captures").fields().forEachRemaining(e -> captured.append(captured.isEmpty() ? "" : ", ")
                .append(esc(e.getKey())).append(" = ").append(esc(e.getValue().asText())));
        String outcome = n == 0 ? "note\">no assertion" : bad == 0 ? "ok\">held" : "bad\">" + bad + " of " + n + " failed";
        h.append("<tr><td class=\"outcome ").append(outcome).append("</td><td class=\"wrap\">");
        if (n == 0) {
            h.append(esc(a.path("script").asText())).append(": captures only");
        } else {
            h.append("<details").append(bad == 0 ? "" : " open").append("><summary>").append(esc(a.path("script").asText()))
                    .append(": ").append(n).append(n == 1 ? " assertion" : " assertions").append("</summary><ol>")
                    .append(sql).append("</ol></details>");
        }
        h.append("</td><td class=\"wrap\">").append(captured).append("</td></tr>\n");
    }

    /** A section with one item per line; nothing at all when there are no items. Says if it wrote one. */
    private static boolean list(StringBuilder h, String title, JsonNode items,
                                java.util.function.Function<JsonNode, String> line) {
        if (items.isEmpty()) {
            return false;
        }
        h.append("<h2>").append(title).append("</h2>\n<ul>\n");
        items.forEach(i -> h.append("<li>").append(line.apply(i)).append("</li>\n"));
        h.append("</ul>\n");
        return true;
    }

    private static String seconds(JsonNode step) {
        return step.has("duration_ms") ? String.format(Locale.ROOT, "%.1f s", step.path("duration_ms").asLong() / 1000.0)
                : "";
    }

    static String count(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "-" : String.format(Locale.ROOT, "%,d", n.asLong());
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
