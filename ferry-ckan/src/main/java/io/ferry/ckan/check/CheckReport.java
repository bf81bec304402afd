package io.ferry.ckan.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;

/**
 * What {@code ferry ckan check} found: per rule, whether it applies, how many rows break it and the
 * first of them.
 *
 * @param database the database, as shown to users (no password)
 * @param core     where CKAN's bookkeeping says the catalog is; null when it has none
 * @param target   the CKAN version checked for
 */
public record CheckReport(String database, CoreVersion core, CkanVersion target, List<Finding> findings) {
    /** How many offenders a finding lists. */
    public static final int EXAMPLES = 10;

    public CheckReport {
        findings = List.copyOf(findings);
    }

    /** One offending row: its id and the value at fault. */
    public record Example(String id, String value) {
    }

    /**
     * One rule's outcome. A rule that does not apply (target too old, tables missing) has
     * {@code reason} set, count 0 and no examples.
     */
    public record Finding(Rule rule, String reason, long count, List<Example> examples) {
        public Finding {
            examples = List.copyOf(examples);
        }

        public boolean applies() {
            return reason == null;
        }
    }

    /** All offending rows, over every rule. */
    public long rows() {
        return findings.stream().mapToLong(Finding::count).sum();
    }

    public List<Finding> broken() {
        return findings.stream().filter(f -> f.count() > 0).toList();
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("database", database);
        if (core == null) {
            root.putNull("core");
        } else {
            ObjectNode c = root.putObject("core");
            if (core.number() < 0) {
                c.putNull("version");
            } else {
                c.put("version", core.number());
            }
            c.put("source", core.source());
        }
        root.put("target", target.label());
        root.put("rows", rows());
        ArrayNode rules = root.putArray("rules");
        for (Finding f : findings) {
            ObjectNode r = rules.addObject();
            r.put("rule", f.rule().id());
            r.put("title", f.rule().title());
            r.put("applies", f.applies());
            if (!f.applies()) {
                r.put("reason", f.reason());
                continue;
            }
            r.put("count", f.count());
            ArrayNode examples = r.putArray("examples");
            for (Example e : f.examples()) {
                examples.addObject().put("id", e.id()).put("value", e.value());
            }
            r.put("consequence", f.rule().consequence(target));
        }
        return root;
    }

    /** The report for people: one line per rule, the examples and the consequence under a broken one. */
    public void print(PrintStream out) {
        out.println("Checked " + database + " (" + (core == null ? "no CKAN version recorded" : core) + ") for "
                + target + ":");
        int width = findings.stream().mapToInt(f -> f.rule().id().length()).max().orElse(0);
        for (Finding f : findings) {
            String id = String.format("%-" + width + "s", f.rule().id());
            if (!f.applies()) {
                out.println("  skip " + id + "  " + f.reason());
            } else if (f.count() == 0) {
                out.println("  ok   " + id + "  " + f.rule().title() + ": none");
            } else {
                out.println("  FAIL " + id + "  " + f.rule().title() + ": " + f.count());
                for (Example e : f.examples()) {
                    out.println("         " + printable(e.id()) + "  " + printable(e.value()));
                }
                if (f.count() > f.examples().size()) {
                    out.println("         ... and " + (f.count() - f.examples().size()) + " more");
                }
                out.println("         " + f.rule().consequence(target) + ".");
            }
        }
        List<Finding> broken = broken();
        out.println(broken.isEmpty() ? "No rows break " + target + "'s rules."
                : rows() + " row" + (rows() == 1 ? "" : "s") + " break " + broken.size() + " of " + target
                + "'s rules.");
    }

    /** A value on one line: control characters (a name's line feed) written as escapes; NULL as (null). */
    private static String printable(String value) {
        if (value == null) {
            return "(null)";
        }
        StringBuilder b = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\x%02x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
