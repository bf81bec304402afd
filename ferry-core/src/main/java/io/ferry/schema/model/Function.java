package io.ferry.schema.model;

import java.util.Objects;

/**
 * A function, procedure or aggregate.
 *
 * @param name its name
 * @param argumentTypes the types of its input arguments as {@code oidvectortypes(proargtypes)} writes
 *     them, without parameter names: with the name they identify the function among its overloads,
 *     as PostgreSQL does, so a renamed parameter leaves the key alone (the definition differs)
 * @param kind function, procedure, window function or aggregate
 * @param definition its full {@code CREATE OR REPLACE FUNCTION} statement as
 *     {@code pg_get_functiondef} writes it; for an aggregate, its {@code CREATE AGGREGATE} statement
 * @param owner its owning role
 * @param comment its comment, or null
 */
public record Function(QualifiedName name, String argumentTypes, FunctionKind kind, String definition,
                       String owner, String comment) implements Owned {
    public Function {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentTypes, "argumentTypes");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(owner, "owner");
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.FUNCTION, ObjectRef.functionKey(name, argumentTypes));
    }

    @Override
    public String createSql() {
        return definition.strip();
    }

    /** ROUTINE names functions and procedures alike, so one spelling fits both. */
    @Override
    public String ownerSql() {
        return "ALTER ROUTINE " + ref().key() + " OWNER TO " + Sql.quote(owner);
    }

    @Override
    public String commentSql() {
        return Sql.commentOn("ROUTINE " + ref().key(), comment);
    }

    @Override
    public String dropSql() {
        return "DROP ROUTINE " + ref().key();
    }
}
