package io.ferry.schema.model;

import java.util.Objects;

/**
 * A schema in the SQL sense (a namespace such as {@code public}); {@link Schema} is the whole model.
 *
 * @param name the schema's name
 * @param owner its owning role
 * @param comment its comment, or null
 */
public record Namespace(String name, String owner, String comment) implements Owned {
    public Namespace {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.SCHEMA, ObjectRef.key(name));
    }

    /**
     * {@code CREATE SCHEMA IF NOT EXISTS}: a new database already has {@code public}, and creating
     * the model into it must not fail on that.
     */
    @Override
    public String createSql() {
        return "CREATE SCHEMA IF NOT EXISTS " + Sql.quote(name);
    }

    @Override
    public String dropSql() {
        return "DROP SCHEMA " + Sql.quote(name);
    }
}
