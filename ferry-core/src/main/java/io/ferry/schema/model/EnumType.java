package io.ferry.schema.model;

import io.ferry.sql.Identifiers;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An enum type.
 *
 * @param name its name
 * @param labels its values in their sort order
 * @param owner its owning role
 * @param comment its comment, or null
 */
public record EnumType(QualifiedName name, List<String> labels, String owner, String comment) implements Owned {
    public EnumType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        labels = List.copyOf(labels);
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.ENUM, ObjectRef.key(name));
    }

    @Override
    public String createSql() {
        return "CREATE TYPE " + name.sql() + " AS ENUM ("
                + labels.stream().map(Identifiers::literal).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String dropSql() {
        return "DROP TYPE " + name.sql();
    }
}
