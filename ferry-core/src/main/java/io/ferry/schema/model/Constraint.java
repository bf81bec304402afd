package io.ferry.schema.model;

import java.util.List;
import java.util.Objects;

/**
 * A table constraint. A primary key, unique or exclusion constraint includes its index: that index is
 * not a separate {@link Index} of the model.
 *
 * @param table the table it belongs to
 * @param name its name, unique within the table
 * @param kind what kind of constraint it is
 * @param definition its text as {@code pg_get_constraintdef} writes it (which includes
 *     {@code DEFERRABLE}, {@code NOT VALID} and the like)
 * @param deferrable whether it is deferrable
 * @param initiallyDeferred whether it is initially deferred
 * @param validated false when it was added {@code NOT VALID} and not validated since
 * @param columns the columns it constrains, in the constraint's order (empty for expressions)
 * @param referencedTable for a foreign key, the table it references; else null
 * @param referencedColumns for a foreign key, the referenced columns; else empty
 * @param inherited true when it comes from a parent table or partitioned table (it is created
 *     there, not on this table)
 * @param comment its comment, or null
 * @param indexParent for a partition's own key whose index is attached to an index of its
 *     partitioned table, that index; else null
 * @param indexComment the comment on the index of a primary key, unique or exclusion constraint, or null
 */
public record Constraint(QualifiedName table, String name, ConstraintKind kind, String definition,
                         boolean deferrable, boolean initiallyDeferred, boolean validated, List<String> columns,
                         QualifiedName referencedTable, List<String> referencedColumns, boolean inherited,
                         String comment, QualifiedName indexParent, String indexComment) implements SchemaObject {
    public Constraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(definition, "definition");
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    /** A constraint whose index (if any) has no parent index and no comment. */
    public Constraint(QualifiedName table, String name, ConstraintKind kind, String definition, boolean deferrable,
                      boolean initiallyDeferred, boolean validated, List<String> columns, QualifiedName referencedTable,
                      List<String> referencedColumns, boolean inherited, String comment) {
        this(table, name, kind, definition, deferrable, initiallyDeferred, validated, columns, referencedTable,
                referencedColumns, inherited, comment, null, null);
    }

    /** {@code ALTER INDEX parent ATTACH PARTITION} of this constraint's index, or null without a parent. */
    public String attachSql() {
        return indexParent == null ? null : "ALTER INDEX " + indexParent.sql() + " ATTACH PARTITION " + indexName().sql();
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.CONSTRAINT, ObjectRef.memberKey(table, name));
    }

    @Override
    public String createSql() {
        return "ALTER TABLE " + table.sql() + " ADD CONSTRAINT " + Sql.quote(name) + " " + definition;
    }

    @Override
    public String dropSql() {
        return "ALTER TABLE " + table.sql() + " DROP CONSTRAINT " + Sql.quote(name);
    }

    /** The name of the index behind a primary key, unique or exclusion constraint. */
    public QualifiedName indexName() {
        return new QualifiedName(table.schema(), name);
    }

    /** {@code COMMENT ON INDEX} for the index behind the constraint. */
    public String indexCommentSql() {
        return Sql.commentOn("INDEX " + indexName().sql(), indexComment);
    }

    @Override
    public String commentSql() {
        return Sql.commentOn("CONSTRAINT " + Sql.quote(name) + " ON " + table.sql(), comment);
    }
}
