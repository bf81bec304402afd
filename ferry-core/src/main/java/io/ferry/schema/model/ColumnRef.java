package io.ferry.schema.model;

import java.util.Objects;

/** A column of a table, by name. */
public record ColumnRef(QualifiedName table, String column) {
    public ColumnRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    public String sql() {
        return table.sql() + "." + Sql.quote(column);
    }
}
