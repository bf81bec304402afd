package io.ferry.transfer;

import java.util.List;
import java.util.Objects;

/**
 * A part of a table that is copied, recorded and verified as one unit.
 *
 * @param table     the table as SQL, schema-qualified and quoted
 * @param columns   the columns to copy, quoted, in order
 * @param number    0-based position among the table's chunks
 * @param of        how many chunks the table has
 * @param predicate a WHERE condition selecting the chunk's rows, or null for the whole table
 * @param byKey     whether the predicate uses the primary key, so the same rows can be selected on the
 *                  target too (a ctid range selects different rows there)
 */
public record Chunk(String table, List<String> columns, int number, int of, String predicate, boolean byKey) {

    public Chunk {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(table + " has no columns to copy");
        }
    }

    String columnList() {
        return String.join(", ", columns);
    }

    /**
     * The rows of this chunk, as a query. {@code ONLY}: an inheritance parent's query would also return
     * its children's rows, which are copied with the children.
     */
    String selectSql() {
        return wholeTableSql() + (predicate == null ? "" : " WHERE " + predicate);
    }

    /**
     * The {@code COPY ... TO STDOUT} that sends the chunk's rows: of the table itself when the chunk is
     * the whole table, else of its query; with a {@code hash} (not null), each row followed by its
     * hash ({@link RowHashes}).
     */
    String copyOutSql(String options, RowHash hash) {
        if (hash != null) {
            return RowHashes.copyOut(selectSql(), options, hash);
        }
        return predicate == null ? "COPY " + table + " (" + columnList() + ") TO STDOUT" + options
                : "COPY (" + selectSql() + ") TO STDOUT" + options;
    }

    /** All rows of the table itself, as a query. */
    String wholeTableSql() {
        return "SELECT " + columnList() + " FROM ONLY " + table;
    }

    /** The chunk's rows on the target, where they can be selected the same way; else the whole table. */
    String targetSelectSql() {
        return byKey || predicate == null ? selectSql() : wholeTableSql();
    }

    /** {@code "public"."package" [2/8]}: how messages name a chunk. */
    public String label() {
        return of == 1 ? table : table + " [" + (number + 1) + "/" + of + "]";
    }
}
