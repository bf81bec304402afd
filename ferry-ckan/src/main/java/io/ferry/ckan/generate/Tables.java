package io.ferry.ckan.generate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.postgresql.copy.CopyManager;

/** Runs one COPY per table on the generating connection and keeps the row count of each. */
final class Tables {
    private final CopyManager manager;
    private final Map<String, Long> rows = new LinkedHashMap<>();

    Tables(CopyManager manager) {
        this.manager = manager;
    }

    /** Copies every row {@code body} writes into {@code table}'s {@code columns}. */
    void copy(String table, String[] columns, Consumer<CopyStream> body) {
        copy(table, columns.length, columns, body);
    }

    /** As {@link #copy(String, String[], Consumer)}, keeping only the first {@code keep} columns. */
    void copy(String table, int keep, String[] columns, Consumer<CopyStream> body) {
        try (CopyStream out = new CopyStream(manager, table, keep, columns)) {
            body.accept(out);
            out.close();
            rows.merge(table.replace("\"", ""), out.rows(), Long::sum);
        }
    }

    /** Rows per table in the order the tables were written. */
    Map<String, Long> rows() {
        return Collections.unmodifiableMap(rows);
    }

    static String[] columns(String... names) {
        return names;
    }
}
