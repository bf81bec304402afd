package io.ferry.schema.model;

import java.util.Objects;

/**
 * An index that stands on its own. Indexes that implement a primary key, unique or exclusion
 * constraint are part of their {@link Constraint} and are not modelled here.
 *
 * @param name its name (an index lives in its table's schema)
 * @param table the table or materialized view it indexes
 * @param definition its {@code CREATE INDEX} statement as {@code pg_get_indexdef} writes it; for a
 *     partitioned table that is {@code CREATE INDEX ... ON ONLY ...}
 * @param parent for the index of a partition that is attached to its partitioned table's index,
 *     that index; else null
 * @param comment its comment, or null
 */
public record Index(QualifiedName name, QualifiedName table, String definition, QualifiedName parent,
                    String comment) implements SchemaObject {
    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(definition, "definition");
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.INDEX, ObjectRef.key(name));
    }

    @Override
    public String createSql() {
        return definition;
    }

    /** {@code ALTER INDEX parent ATTACH PARTITION this}, or null when it has no parent index. */
    public String attachSql() {
        return parent == null ? null : "ALTER INDEX " + parent.sql() + " ATTACH PARTITION " + name.sql();
    }

    @Override
    public String dropSql() {
        return "DROP INDEX " + name.sql();
    }
}
