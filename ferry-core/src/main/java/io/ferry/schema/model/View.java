package io.ferry.schema.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A view or a materialized view. Indexes of a materialized view are {@link Index} objects whose table
 * is the view.
 *
 * @param name its name
 * @param materialized whether it is a materialized view
 * @param definition its query as {@code pg_get_viewdef} writes it, without the final semicolon
 * @param columns its columns in order (name, type and, rarely, a default or comment)
 * @param options its options ({@code reloptions}, such as {@code security_barrier=true} or
 *     {@code check_option=local})
 * @param owner its owning role
 * @param comment its comment, or null
 */
public record View(QualifiedName name, boolean materialized, String definition, List<Column> columns,
                   List<String> options, String owner, String comment) implements Owned {
    public View {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(owner, "owner");
        columns = List.copyOf(columns);
        options = List.copyOf(options);
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(materialized ? ObjectKind.MATERIALIZED_VIEW : ObjectKind.VIEW, ObjectRef.key(name));
    }

    /**
     * {@code CREATE VIEW ... AS}; a materialized view is created {@code WITH NO DATA}: its rows are
     * data, filled by {@code REFRESH MATERIALIZED VIEW} once the tables hold theirs.
     */
    @Override
    public String createSql() {
        String with = options.isEmpty() ? "" : " WITH (" + String.join(", ", options) + ")";
        if (materialized) {
            return "CREATE MATERIALIZED VIEW " + name.sql() + with + " AS\n" + definition + "\nWITH NO DATA";
        }
        return "CREATE VIEW " + name.sql() + with + " AS\n" + definition;
    }

    /** Column defaults of a view ({@code ALTER VIEW ... SET DEFAULT}) and column comments. */
    public List<String> columnSql() {
        List<String> sql = columnDefaultSql();
        sql.addAll(Columns.commentSql(name, columns));
        return sql;
    }

    /** Column defaults of a view alone ({@code ALTER VIEW ... SET DEFAULT}). */
    public List<String> columnDefaultSql() {
        List<String> sql = new ArrayList<>();
        for (Column column : columns) {
            if (column.defaultExpr() != null) {
                sql.add("ALTER " + ref().kind().sqlKeyword() + " " + name.sql() + " ALTER COLUMN "
                        + Sql.quote(column.name()) + " SET DEFAULT " + column.defaultExpr());
            }
        }
        return sql;
    }

    @Override
    public String dropSql() {
        return "DROP " + ref().kind().sqlKeyword() + " " + name.sql();
    }
}
