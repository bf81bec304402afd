package io.ferry.plan.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.function.Function;

/** The report as Markdown, drawn from the report's JSON; empty sections are left out. */
final class Markdown {
    static final String RESTORE_HINT = "Promote them again with: ferry ckan sysadmins restore [NAME...]";

    private Markdown() {
    }

    static String render(JsonNode r) {
        StringBuilder md = new StringBuilder();
        md.append("# Plan ").append(r.path("plan").asText()).append("\n\n");
        if (!r.path("description").isNull() && r.has("description")) {
            md.append(r.path("description").asText()).append("\n\n");
        }
        md.append("Target: `").append(r.path("target").asText()).append("`, report of ")
                .append(r.path("generated_at").asText()).append("\n\n");
        if (!r.path("warnings").isEmpty()) {
            md.append("## Warnings\n\n");
            for (JsonNode w : r.path("warnings")) {
                md.append("- ").append(cell(w.asText())).append('\n');
            }
            md.append('\n');
        }
        md.append("## Steps\n\n| step | kind | status | duration | summary |\n|---|---|---|---|---|\n");
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
        md.append("\n## Rows per table\n\n| table | before (copied) | after (now) | note |\n|---|---:|---:|---|\n");
        for (JsonNode t : r.path("tables")) {
            md.append("| ").append(cell(t.path("table").asText())).append(" | ").append(count(t.path("before")))
                    .append(" | ").append(count(t.path("after"))).append(" | ").append(cell(t.path("note").asText("")))
                    .append(" |\n");
        }
        md.append("\n## Assertions\n\n");
        if (r.path("assertions").isEmpty()) {
            md.append("None.\n");
        }
        for (JsonNode a : r.path("assertions")) {
            long failed = 0;
            for (JsonNode c : a.path("checks")) {
                failed += c.path("passed").asBoolean() ? 0 : 1;
            }
            md.append("- ").append(a.path("checks").isEmpty() ? "no assertion" : failed == 0 ? "held" : failed + " of " + a.path("checks").size() + " FAILED")
                    .append(": ").append(cell(a.path("script").asText()));
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
        if (section(md, "Demoted sysadmins", r.path("demoted_sysadmins"), Markdown::sysadmin)) {
            md.append('\n').append(RESTORE_HINT).append('\n');
        }
        section(md, "Harvest sources", r.path("harvest_sources"), h -> h.path("type").asText() + ": "
                + h.path("sources").asLong());
        section(md, "Schema verification", r.path("verification"), v -> v.path("step").asText() + " against "
                + v.path("model").asText() + ": " + (v.path("matches").asBoolean() ? "matches" : "DIFFERS")
                + (v.path("known_differences").asInt() > 0 ? " (" + v.path("known_differences").asInt()
                + " known differences)" : ""));
        section(md, "Search index verification", r.path("index_verification"), v -> v.path("step").asText()
                + " into " + v.path("target").asText() + ": " + indexCheck(v));
        return md.toString();
    }

    /** A section of one bullet per item, left out when there are none. Says if it wrote one. */
    private static boolean section(StringBuilder md, String title, JsonNode items, Function<JsonNode, String> line) {
        if (items.isEmpty()) {
            return false;
        }
        md.append("\n## ").append(title).append("\n\n");
        items.forEach(i -> md.append("- ").append(cell(line.apply(i))).append('\n'));
        return true;
    }

    /** A demoted sysadmin: the user name, the full name when the account has one, and whether restored. */
    static String sysadmin(JsonNode d) {
        String fullname = d.path("fullname").asText("").strip();
        return d.path("name").asText() + (fullname.isEmpty() ? "" : " (" + fullname + ")")
                + (d.path("restored").asBoolean() ? ", restored since" : "");
    }

    /** One line on an index check: what both sides hold and, if they differ, how. */
    static String indexCheck(JsonNode v) {
        return String.format(Locale.ROOT, "%,d datasets in the database, %,d documents in the index; %s", v.path("database")
                .asLong(), v.path("index").asLong(), v.path("clean").asBoolean() ? "matches" : String.format(Locale.ROOT,
                "DIFFERS: %,d missing, %,d extra, %,d stale", v.path("missing").asLong(), v.path("extra").asLong(),
                v.path("stale").asLong()));
    }

    private static String count(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "-" : String.format(Locale.ROOT, "%,d", n.asLong());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
