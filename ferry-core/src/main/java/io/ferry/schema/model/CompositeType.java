package io.ferry.schema.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A composite type made with {@code CREATE TYPE ... AS (...)} (the row types of tables and views
 * are part of those and not modelled separately).
 *
 * @param name its name
 * @param attributes its attributes in order (name, type, collation, comment)
 * @param owner its owning role
 * @param comment its comment, or null
 */
public record CompositeType(QualifiedName name, List<Column> attributes, String owner, String comment)
        implements Owned {
    public CompositeType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        attributes = List.copyOf(attributes);
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.COMPOSITE_TYPE, ObjectRef.key(name));
    }

    @Override
    public String createSql() {
        return "CREATE TYPE " + name.sql() + " AS ("
                + attributes.stream().map(Column::attributeSql).collect(Collectors.joining(", ")) + ")";
    }

    /** {@code COMMENT ON COLUMN} for each commented attribute. */
    public List<String> attributeCommentSql() {
        return Columns.commentSql(name, attributes);
    }

    @Override
    public String dropSql() {
        return "DROP TYPE " + name.sql();
    }
}
