package io.ferry.schema.model;

import io.ferry.sql.Identifiers;
import java.util.Objects;

/**
 * An installed extension. The objects it creates are not part of the model: they come with it.
 *
 * @param name the extension's name
 * @param schema the schema its objects live in
 * @param version the installed version
 * @param comment its comment (usually set by the extension itself), or null
 */
public record Extension(String name, String schema, String version, String comment) implements SchemaObject {
    public Extension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.EXTENSION, ObjectRef.key(name));
    }

    /** {@code IF NOT EXISTS}, because a new database already has {@code plpgsql}. */
    @Override
    public String createSql() {
        return "CREATE EXTENSION IF NOT EXISTS " + Sql.quote(name) + " WITH SCHEMA " + Sql.quote(schema)
                + " VERSION " + Identifiers.literal(version);
    }

    @Override
    public String dropSql() {
        return "DROP EXTENSION " + Sql.quote(name);
    }
}
