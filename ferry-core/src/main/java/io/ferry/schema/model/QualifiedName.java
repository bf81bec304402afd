package io.ferry.schema.model;

import io.ferry.sql.Identifiers;
import java.util.Comparator;
import java.util.Objects;

/**
 * The name of an object that lives in a schema: a table, view, sequence, type, index, collation or
 * function (without its arguments). Two databases are compared by these names, never by OIDs.
 *
 * @param schema the schema (namespace) name, exactly as stored in the catalog
 * @param name the object's name, exactly as stored in the catalog
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
    private static final Comparator<QualifiedName> ORDER =
            Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    /** The name as SQL: both parts always quoted, so any character in a name is safe. */
    public String sql() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    @Override
    public int compareTo(QualifiedName other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return sql();
    }
}
