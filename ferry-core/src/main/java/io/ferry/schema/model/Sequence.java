package io.ferry.schema.model;

import java.util.Objects;

/**
 * A sequence that stands on its own, such as the one behind a {@code serial} column. The sequences of
 * identity columns belong to their column ({@link Identity}) and are not in this map.
 *
 * @param name its name
 * @param options its parameters
 * @param ownedBy the column it is {@code OWNED BY}, read from {@code pg_depend}; null if none
 * @param owner its owning role
 * @param comment its comment, or null
 */
public record Sequence(QualifiedName name, SequenceOptions options, ColumnRef ownedBy, String owner,
                       String comment) implements Owned {
    public Sequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(owner, "owner");
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.SEQUENCE, ObjectRef.key(name));
    }

    @Override
    public String createSql() {
        return "CREATE SEQUENCE " + name.sql() + " " + options.sql();
    }

    /**
     * {@code ALTER SEQUENCE ... OWNED BY table.column}, or null when it has no owning column. It is a
     * statement of its own because the table must exist first, and the table's default usually
     * needs the sequence.
     */
    public String ownedBySql() {
        return ownedBy == null ? null : "ALTER SEQUENCE " + name.sql() + " OWNED BY " + ownedBy.sql();
    }

    @Override
    public String dropSql() {
        return "DROP SEQUENCE " + name.sql();
    }
}
