package io.ferry.ckan.datastore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ferry ckan datastore check} found: the DataStore's totals and, per check, the tables,
 * views, resources or grants at fault.
 *
 * @param catalog   the catalog database, as shown to users (no password)
 * @param datastore the DataStore database, likewise
 * @param roles     the roles checked
 * @param tables    tables in the DataStore's public schema
 * @param aliases   views other than {@code _table_metadata}
 * @param rows      rows in all tables
 * @param bytes     size of all tables with their indexes and TOAST data
 * @param marked    resources the catalog marks {@code datastore_active}
 */
public record DataStoreReport(String catalog, String datastore, DataStoreRoles roles, long tables, long aliases,
                              long rows, long bytes, long marked, List<Finding> findings) {
    /** How many items of a finding the text report lists (JSON lists all). */
    public static final int EXAMPLES = 10;

    public DataStoreReport {
        findings = List.copyOf(findings);
    }

    /**
     * One thing at fault: a table, view, resource, role or grant, and what is wrong with it. A table
     * also carries its rows and bytes (else null).
     */
    public record Item(String name, String detail, Long rows, Long bytes) {
        static Item of(String name, String detail) {
            return new Item(name, detail, null, null);
        }
    }

    /** One check's outcome: {@code id} is short and stable, for scripts. */
    public record Finding(String id, String title, List<Item> items) {
        public Finding {
            items = List.copyOf(items);
        }

        public int count() {
            return items.size();
        }
    }

    /** All problems, over every check. */
    public long problems() {
        return findings.stream().mapToLong(Finding::count).sum();
    }

    public Finding finding(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check " + id));
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("catalog", catalog);
        root.put("datastore", datastore);
        root.put("write_role", roles.write());
        root.put("read_role", roles.read());
        root.put("tables", tables);
        root.put("aliases", aliases);
        root.put("rows", rows);
        root.put("bytes", bytes);
        root.put("datastore_active", marked);
        root.put("problems", problems());
        ArrayNode checks = root.putArray("checks");
        for (Finding f : findings) {
            ObjectNode check = checks.addObject();
            check.put("check", f.id());
            check.put("title", f.title());
            check.put("count", f.count());
            ArrayNode items = check.putArray("items");
            for (Item item : f.items()) {
                ObjectNode i = items.addObject().put("name", item.name()).put("detail", item.detail());
                if (item.rows() != null) {
                    i.put("rows", item.rows());
                }
                if (item.bytes() != null) {
                    i.put("bytes", item.bytes());
                }
            }
        }
        return root;
    }

    /** The report for people: the totals, then one line per check with the first items under a failed one. */
    public void print(PrintStream out) {
        out.println("Checked the DataStore " + datastore + " against the catalog " + catalog + " (write role "
                + roles.write() + ", read role " + roles.read() + "):");
        out.printf(Locale.ROOT, "  %,d tables, %,d aliases, %,d rows, %s; %,d resources marked datastore_active%n",
                tables, aliases, rows, size(bytes), marked);
        int width = findings.stream().mapToInt(f -> f.id().length()).max().orElse(0);
        for (Finding f : findings) {
            String id = String.format("%-" + width + "s", f.id());
            if (f.count() == 0) {
                out.println("  ok   " + id + "  " + f.title() + ": none");
                continue;
            }
            out.println("  FAIL " + id + "  " + f.title() + ": " + f.count());
            for (Item item : f.items().subList(0, Math.min(EXAMPLES, f.count()))) {
                out.println("         " + item.name() + "  " + item.detail());
            }
            if (f.count() > EXAMPLES) {
                out.println("         ... and " + (f.count() - EXAMPLES) + " more (--json lists all)");
            }
        }
        long failed = findings.stream().filter(f -> f.count() > 0).count();
        out.println(failed == 0 ? "The DataStore agrees with the catalog and its roles."
                : problems() + " problem" + (problems() == 1 ? "" : "s") + " in " + failed + " of " + findings.size()
                + " checks.");
    }

    /** Bytes for people: 16 kB, 1.2 MB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
}
