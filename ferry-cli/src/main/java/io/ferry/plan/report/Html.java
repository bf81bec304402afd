package io.ferry.plan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG (a timeline of the steps and
 * a bar chart of rows per table), no script and nothing fetched, so it opens anywhere, offline.
 */
final class Html {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222;padding:0 1em}
            h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.25em .5em;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#16703a}.bad{color:#b3261e;font-weight:bold}
            code{background:#f4f4f4;padding:0 .2em}svg{max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif}""";
    private static final int WIDTH = 900;

    private Html() {
    }

    static String render(JsonNode r) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.append("<title>Plan ").append(esc(r.path("plan").asText())).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        h.append("<h1>Plan ").append(esc(r.path("plan").asText())).append("</h1>\n");
        if (r.path("description").isTextual()) {
            h.append("<p>").append(esc(r.path("description").asText())).append("</p>\n");
        }
        h.append("<p>Target <code>").append(esc(r.path("target").asText())).append("</code>, report of ")
                .append(esc(r.path("generated_at").asText())).append("</p>\n");
        steps(h, r.path("steps"));
        tables(h, r.path("tables"));
        assertions(h, r.path("assertions"));
        list(h, "Demoted sysadmins", r.path("demoted_sysadmins"), d -> esc(d.path("name").asText()) + " ("
                + esc(d.path("fullname").asText("")) + ")" + (d.path("restored").asBoolean() ? ", restored since" : ""));
        list(h, "Harvest sources", r.path("harvest_sources"), s -> esc(s.path("type").asText()) + ": "
                + s.path("sources").asLong());
        list(h, "Schema verification", r.path("verification"), v -> esc(v.path("step").asText()) + " against <code>"
                + esc(v.path("model").asText()) + "</code>: " + (v.path("matches").asBoolean()
                ? "<span class=\"ok\">matches</span>" : "<span class=\"bad\">differs</span>")
                + (v.path("known_differences").asInt() > 0 ? " (" + v.path("known_differences").asInt()
                + " known differences)" : ""));
        list(h, "Warnings", r.path("warnings"), w -> esc(w.asText()));
        return h.append("</body></html>\n").toString();
    }

    /** The steps as a table and a timeline: one bar per step, placed by start and sized by duration. */
    private static void steps(StringBuilder h, JsonNode steps) {
        h.append("<h2>Steps</h2>\n<table><tr><th>step</th><th>kind</th><th>status</th><th>duration</th><th>summary</th></tr>\n");
        long total = 0;
        for (JsonNode s : steps) {
            total += s.path("duration_ms").asLong(0);
            String status = s.path("status").asText();
            h.append("<tr><td>").append(esc(s.path("name").asText())).append("</td><td>")
                    .append(esc(s.path("kind").asText())).append("</td><td class=\"")
                    .append(status.equals("failed") ? "bad" : status.equals("finished") ? "ok" : "").append("\">")
                    .append(esc(status)).append("</td><td class=\"n\">").append(seconds(s)).append("</td><td>")
                    .append(esc(s.path("error").isTextual() ? s.path("error").asText() : s.path("summary").asText("")))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        int rowHeight = 24;
        int label = 160;
        h.append("<svg role=\"img\" aria-label=\"timeline of the steps\" width=\"").append(WIDTH).append("\" height=\"")
                .append(steps.size() * rowHeight + 10).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(steps.size() * rowHeight + 10).append("\">\n");
        long offset = 0;
        int y = 4;
        for (JsonNode s : steps) {
            long ms = s.path("duration_ms").asLong(0);
            double x = label + (total == 0 ? 0 : (WIDTH - label - 80) * (double) offset / total);
            double w = total == 0 ? 2 : Math.max(2, (WIDTH - label - 80) * (double) ms / total);
            String fill = s.path("status").asText().equals("failed") ? "#b3261e" : "#2f6db5";
            h.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text><rect x=\"%.1f\" y=\"%d\" "
                            + "width=\"%.1f\" height=\"16\" fill=\"%s\"><title>%s</title></rect>"
                            + "<text x=\"%.1f\" y=\"%d\">%s</text>\n", y + 13, esc(s.path("name").asText()), x, y, w,
                    fill, esc(s.path("name").asText() + ": " + seconds(s)), x + w + 4, y + 13, seconds(s)));
            offset += ms;
            y += rowHeight;
        }
        h.append("</svg>\n");
    }

    /** Rows per table, before and after, as a table and a horizontal bar chart. */
    private static void tables(StringBuilder h, JsonNode tables) {
        h.append("<h2>Rows per table</h2>\n");
        List<JsonNode> rows = new ArrayList<>();
        tables.forEach(rows::add);
        rows.sort((a, b) -> Long.compare(Math.max(b.path("before").asLong(0), b.path("after").asLong(0)),
                Math.max(a.path("before").asLong(0), a.path("after").asLong(0))));
        long max = rows.stream().mapToLong(t -> Math.max(t.path("before").asLong(0), t.path("after").asLong(0)))
                .max().orElse(0);
        int label = 230;
        int rowHeight = 22;
        int height = rows.size() * rowHeight + 30;
        h.append("<svg role=\"img\" aria-label=\"rows per table, before and after\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\">\n")
                .append("<rect x=\"").append(label).append("\" y=\"2\" width=\"12\" height=\"8\" fill=\"#9bb7dc\"/>")
                .append("<text x=\"").append(label + 16).append("\" y=\"10\">before (moved)</text>")
                .append("<rect x=\"").append(label + 130).append("\" y=\"2\" width=\"12\" height=\"8\" fill=\"#2f6db5\"/>")
                .append("<text x=\"").append(label + 146).append("\" y=\"10\">after</text>\n");
        int y = 20;
        for (JsonNode t : rows) {
            long before = t.path("before").asLong(0);
            long after = t.path("after").asLong(0);
            double scale = max == 0 ? 0 : (WIDTH - label - 90) / (double) max;
            h.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"8\" fill=\"#9bb7dc\"/>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"8\" fill=\"#2f6db5\"/>"
                            + "<text x=\"%.1f\" y=\"%d\">%s</text>\n", y + 12, esc(t.path("table").asText()), label, y,
                    before * scale, label, y + 9, after * scale, label + Math.max(before, after) * scale + 4, y + 12,
                    count(t.path("before")) + " / " + count(t.path("after"))));
            y += rowHeight;
        }
        h.append("</svg>\n<table><tr><th>table</th><th>before</th><th>after</th></tr>\n");
        for (JsonNode t : rows) {
            h.append("<tr><td>").append(esc(t.path("table").asText())).append("</td><td class=\"n\">")
                    .append(count(t.path("before"))).append("</td><td class=\"n\">").append(count(t.path("after")))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void assertions(StringBuilder h, JsonNode assertions) {
        h.append("<h2>Assertions</h2>\n");
        if (assertions.isEmpty()) {
            h.append("<p>None.</p>\n");
            return;
        }
        h.append("<table><tr><th>script</th><th>captured</th><th>assertion</th><th>outcome</th></tr>\n");
        for (JsonNode a : assertions) {
            StringBuilder captured = new StringBuilder();
            a.path("captures").fields().forEachRemaining(e -> captured.append(esc(e.getKey())).append('=')
                    .append(esc(e.getValue().asText())).append(' '));
            for (JsonNode c : a.path("checks")) {
                boolean passed = c.path("passed").asBoolean();
                h.append("<tr><td>").append(esc(a.path("script").asText())).append("</td><td>").append(captured)
                        .append("</td><td><code>").append(esc(c.path("assert").asText())).append("</code></td><td class=\"")
                        .append(passed ? "ok\">held" : "bad\">failed").append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
    }

    private static void list(StringBuilder h, String title, JsonNode items,
                             java.util.function.Function<JsonNode, String> line) {
        h.append("<h2>").append(title).append("</h2>\n");
        if (items.isEmpty()) {
            h.append("<p>None.</p>\n");
            return;
        }
        h.append("<ul>\n");
        items.forEach(i -> h.append("<li>").append(line.apply(i)).append("</li>\n"));
        h.append("</ul>\n");
    }

    private static String seconds(JsonNode step) {
        return step.has("duration_ms") ? String.format(Locale.ROOT, "%.1f s", step.path("duration_ms").asLong() / 1000.0)
                : "";
    }

    private static String count(JsonNode n) {
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
