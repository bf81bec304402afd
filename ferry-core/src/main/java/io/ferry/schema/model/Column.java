package io.ferry.schema.model;

import java.util.Objects;

/**
 * A column of a table, view or composite type, as the catalog renders it.
 *
 * @param name the column's name
 * @param type its type as {@code format_type} writes it, schema-qualified where needed
 * @param notNull whether it has a NOT NULL constraint
 * @param defaultExpr its default as {@code pg_get_expr} writes it, or null; null for generated columns
 * @param identity how an identity column generates values, or null if it is not one
 * @param generated the expression of a stored generated column, or null
 * @param collation its collation when it differs from its type's default, or null
 * @param inherited true when the column comes only from a parent table (not declared locally), so
 *     it must not be written in the child's {@code CREATE TABLE}
 * @param comment its comment, or null
 */
public record Column(String name, String type, boolean notNull, String defaultExpr, Identity identity,
                     String generated, QualifiedName collation, boolean inherited, String comment) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** The column's definition inside {@code CREATE TABLE (...)}. */
    public String definitionSql() {
        StringBuilder sql = new StringBuilder(Sql.quote(name)).append(' ').append(type);
        if (collation != null) {
            sql.append(" COLLATE ").append(collation.sql());
        }
        if (generated != null) {
            sql.append(" GENERATED ALWAYS AS (").append(generated).append(") STORED");
        } else if (identity != null) {
            sql.append(' ').append(identity.sql());
        } else if (defaultExpr != null) {
            sql.append(" DEFAULT ").append(defaultExpr);
        }
        if (notNull) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    /** The attribute's definition inside {@code CREATE TYPE ... AS (...)}. */
    public String attributeSql() {
        return Sql.quote(name) + " " + type + (collation == null ? "" : " COLLATE " + collation.sql());
    }
}
