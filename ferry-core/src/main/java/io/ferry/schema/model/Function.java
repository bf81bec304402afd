package io.ferry.schema.model;

import java.util.Objects;

/**
 * A function, procedure or aggregate.
 *
 * @param name its name
 * @param identityArguments its arguments as {@code pg_get_function_identity_arguments} writes them;
 *     with the name they identify the function among its overloads
 * @param kind function, procedure, window function or aggregate
 * @param definition its full {@code CREATE OR REPLACE FUNCTION} statement as
 *     {@code pg_get_functiondef} writes it; for an aggregate, its {@code CREATE AGGREGATE} statement
 * @param owner its owning role
 * @param comment its comment, or null
 */
public record Function(QualifiedName name, String identityArguments, FunctionKind kind, String definition,
                       String owner, String comment) implements Owned {
    public Function {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identityArguments, "identityArguments");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(owner, "owner");
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.FUNCTION, ObjectRef.functionKey(name, identityArguments));
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
