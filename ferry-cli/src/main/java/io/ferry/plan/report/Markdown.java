package io.ferry.plan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The report as Markdown, drawn from the report's JSON. */
final class Markdown {
    private Markdown() {
    }

    static String render(JsonNode r) {
        StringBuilder md = new StringBuilder();
        md.append("# Plan ").append(r.path("plan").asText()).append("\n\n");
        if (!r.path("description").isNull() && r.has("description")) {
            md.append(r.path("description").asText()).append("\n\n");
        }
        md.append("Target: `").append(r.path("target").asText()).append("`, report of ")
                .append(r.path("generated_at").asText()).append("\n\n## Steps\n\n| step | kind | status | duration | summary |\n|---|---|---|---|---|\n");
        for (JsonNode s : r.path("steps")) {
            md.append("| ").append(cell(s.path("name").asText())).append(" | ").append(s.path("kind").asText())
                    .append(" | ").append(s.path("status").asText()).append(" | ")
                    .append(s.has("duration_ms") ? String.format(Locale.ROOT, "%.1f s", s.path("duration_ms").asLong() / 1000.0) : "")
                    .append(" | ").append(cell(s.path("error").isTextual() ? s.path("error").asText() : s.path("summary").asText("")))
                    .append(" |\n");
        }
        if (!r.path("sites").isEmpty()) {
            md.append("\n## CKAN sites\n\n| connection | setting | value | from |\n|---|---|---|---|\n");
            r.path("sites").fields().forEachRemaining(site -> site.getValue().fields().forEachRemaining(s -> {
                if (s.getValue().isObject()) {
                    md.append("| ").append(cell(site.getKey())).append(" | ").append(cell(s.getKey())).append(" | ")
                            .append(cell(s.getValue().path("value").asText())).append(" | ")
                            .append(cell(s.getValue().path("from").asText())).append(" |\n");
                }
            }));
        }
        md.append("\n## Rows per table\n\n| table | before | after |\n|---|---:|---:|\n");
        for (JsonNode t : r.path("tables")) {
            md.append("| ").append(cell(t.path("table").asText())).append(" | ").append(count(t.path("before")))
                    .append(" | ").append(count(t.path("after"))).append(" |\n");
        }
        md.append("\n## Assertions\n\n");
        for (JsonNode a : r.path("assertions")) {
            md.append("- ").append(cell(a.path("script").asText()));
            if (a.path("captures").size() > 0) {
                md.append(" — captured ");
                a.path("captures").fields().forEachRemaining(e -> md.append(e.getKey()).append('=')
                        .append(e.getValue().asText()).append(' '));
            }
            md.append('\n');
            for (JsonNode c : a.path("checks")) {
                md.append("  - ").append(c.path("passed").asBoolean() ? "held" : "FAILED").append(": `")
                        .append(c.path("assert").asText().replace("`", "'")).append("`\n");
            }
        }
        md.append("\n## Demoted sysadmins\n\n");
        for (JsonNode d : r.path("demoted_sysadmins")) {
            md.append("- ").append(cell(d.path("name").asText())).append(" (").append(cell(d.path("fullname").asText("")))
                    .append(")").append(d.path("restored").asBoolean() ? ", restored since" : "").append('\n');
        }
        md.append("\n## Harvest sources\n\n");
        for (JsonNode h : r.path("harvest_sources")) {
            md.append("- ").append(cell(h.path("type").asText())).append(": ").append(h.path("sources").asLong()).append('\n');
        }
        md.append("\n## Schema verification\n\n");
        for (JsonNode v : r.path("verification")) {
            md.append("- ").append(v.path("step").asText()).append(" against ").append(v.path("model").asText())
                    .append(": ").append(v.path("matches").asBoolean() ? "matches" : "DIFFERS")
                    .append(v.path("known_differences").asInt() > 0 ? " (" + v.path("known_differences").asInt()
                            + " known differences)" : "").append('\n');
        }
        md.append("\n## Search index verification\n\n");
        for (JsonNode v : r.path("index_verification")) {
            md.append("- ").append(v.path("step").asText()).append(" into ").append(cell(v.path("target").asText()))
                    .append(": ").append(indexCheck(v)).append('\n');
        }
        md.append("\n## Warnings\n\n");
        for (JsonNode w : r.path("warnings")) {
            md.append("- ").append(cell(w.asText())).append('\n');
        }
        return md.toString();
    }

    /** One line on an index check: what both sides hold and, if they differ, how. */
    static String indexCheck(JsonNode v) {
        return String.format(Locale.ROOT, "%,d datasets in the database, %,d documents in the index; %s", v.path("database")
                .asLong(), v.path("index").asLong(), v.path("clean").asBoolean() ? "matches" : String.format(Locale.ROOT,
                "DIFFERS: %,d missing, %,d extra, %,d stale", v.path("missing").asLong(), v.path("extra").asLong(),
                v.path("stale").asLong()));
    }

    private static String count(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "" : String.format(Locale.ROOT, "%,d", n.asLong());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
