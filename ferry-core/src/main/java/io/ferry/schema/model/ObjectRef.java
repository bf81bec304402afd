package io.ferry.schema.model;

import io.ferry.sql.Identifiers;
import java.util.Comparator;
import java.util.Objects;

/**
 * Points at one object of the model: its kind and its key. Keys are the quoted SQL names, which makes
 * them unambiguous whatever characters the names contain:
 * <ul>
 *   <li>schemas and extensions: {@code "name"}</li>
 *   <li>objects in a schema: {@code "schema"."name"}</li>
 *   <li>functions: {@code "schema"."name"(argument types)}, the input argument types as
 *       {@code oidvectortypes} renders them (no parameter names)</li>
 *   <li>constraints, triggers and policies, whose names are unique per table:
 *       {@code "schema"."table"."name"}</li>
 * </ul>
 * Every map of {@link Schema} is keyed by these keys.
 */
public record ObjectRef(ObjectKind kind, String key) implements Comparable<ObjectRef> {
    private static final Comparator<ObjectRef> ORDER =
            Comparator.comparing(ObjectRef::kind).thenComparing(ObjectRef::key);

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    /** The key of a schema or extension. */
    public static String key(String name) {
        return Identifiers.quote(name);
    }

    /** The key of an object in a schema. */
    public static String key(QualifiedName name) {
        return name.sql();
    }

    /** The key of a function. */
    public static String functionKey(QualifiedName name, String argumentTypes) {
        return name.sql() + "(" + argumentTypes + ")";
    }

    /** The key of a constraint, trigger or policy of {@code table}. */
    public static String memberKey(QualifiedName table, String name) {
        return table.sql() + "." + Identifiers.quote(name);
    }

    @Override
    public int compareTo(ObjectRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return kind + " " + key;
    }
}
