package io.ferry.cli;

import io.ferry.Json;
import io.ferry.transfer.Checksum;
import io.ferry.transfer.Verify;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The final report of a transfer, dump or load: per table rows, bytes, checksum, seconds and how it
 * was split, then totals and the verification's outcome; as a text table or as JSON ({@code --json}).
 * Bytes and seconds are this run's: a table finished by an earlier run (before {@code --resume})
 * shows its rows and checksum, with 0 bytes and 0 seconds.
 */
final class CopyReport {
    private final String command;
    private final Verify verify;
    private final Map<String, Map<String, Object>> tables = new TreeMap<>();
    private final List<String> structureOnly = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private List<String> mismatches = List.of();
    private List<String> schemaDifferences = List.of();
    private boolean verified = true;

    CopyReport(String command, Verify verify) {
        this.command = command;
        this.verify = verify;
    }

    /** Rows and checksums per table (as the source or the manifest has them), with this run's figures. */
    CopyReport tables(Map<String, Checksum> checksums, CopyProgress progress) {
        checksums.forEach((table, sum) -> {
            CopyProgress.TableFigures f = progress.tables().get(table);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("table", table);
            t.put("rows", sum.rows());
            t.put("bytes", f == null ? 0 : f.bytes());
            // A zero sum over rows means no checksum was taken (a dump made with --verify counts).
            boolean taken = verify == Verify.CHECKSUMS && (sum.rows() == 0 || sum.sum().signum() != 0);
            t.put("checksum", taken ? sum.hex() : null);
            t.put("seconds", f == null ? 0.0 : Math.round(f.seconds() * 1000) / 1000.0);
            t.put("split", f == null ? null : f.split);
            t.put("chunks", f == null ? null : f.chunks);
            tables.put(table, t);
        });
        return this;
    }

    /** Rows per table where nothing else is known (a plain pg_dump file). */
    CopyReport rows(Map<String, Long> rowsByTable) {
        rowsByTable.forEach((table, rows) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("table", table);
            t.put("rows", rows);
            t.put("bytes", null);
            t.put("checksum", null);
            t.put("seconds", null);
            tables.put(table, t);
        });
        return this;
    }

    CopyReport structureOnly(List<String> tables) {
        structureOnly.addAll(tables);
        return this;
    }

    CopyReport verification(List<String> mismatches, List<String> schemaDifferences) {
        this.mismatches = List.copyOf(mismatches);
        this.schemaDifferences = List.copyOf(schemaDifferences);
        this.verified = mismatches.isEmpty() && schemaDifferences.isEmpty();
        return this;
    }

    /** A command-specific figure (sequences set, resumed, archive size...), shown in JSON. */
    CopyReport with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    long rows() {
        return tables.values().stream().mapToLong(t -> (Long) t.get("rows")).sum();
    }

    /** The text table: one line per table, structure-only tables last. */
    void printTable(PrintStream out) {
        Table table = new Table("table", "rows", "MB", "checksum", "seconds", "split");
        for (Map<String, Object> t : tables.values()) {
            Object bytes = t.get("bytes");
            Object seconds = t.get("seconds");
            Object chunks = t.get("chunks");
            table.row(t.get("table"), t.get("rows"),
                    bytes == null ? "-" : String.format(Locale.ROOT, "%.1f", ((Long) bytes) / 1e6),
                    t.get("checksum") == null ? "-" : t.get("checksum"),
                    seconds == null ? "-" : String.format(Locale.ROOT, "%.1f", (Double) seconds),
                    t.get("split") == null ? "-" : chunks != null && (Integer) chunks > 1
                            ? t.get("split") + " x" + chunks : t.get("split"));
        }
        structureOnly.forEach(t -> table.row(t, "structure only", "-", "-", "-", "-"));
        table.print(out);
    }

    /** The same as JSON, with totals and the verification's outcome. */
    void printJson(PrintStream out, double seconds) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.putAll(extra);
        json.put("tables", new ArrayList<>(tables.values()));
        json.put("structureOnly", structureOnly);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("tables", tables.size());
        totals.put("rows", rows());
        totals.put("bytes", tables.values().stream().mapToLong(t -> t.get("bytes") == null ? 0 : (Long) t.get("bytes"))
                .sum());
        totals.put("seconds", Math.round(seconds * 1000) / 1000.0);
        totals.put("tablesPerSecond", seconds > 0 ? Math.round(tables.size() / seconds * 10) / 10.0 : null);
        json.put("totals", totals);
        Map<String, Object> verification = new LinkedHashMap<>();
        verification.put("mode", verify.name().toLowerCase(Locale.ROOT));
        verification.put("ok", verified);
        verification.put("mismatches", mismatches);
        verification.put("schemaDifferences", schemaDifferences);
        json.put("verification", verification);
        try {
            out.println(Json.pretty().writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
