package io.ferry.schema.model;

/**
 * An object of the model that can write the SQL that creates and drops it. Statements never end with
 * a semicolon and quote every identifier they name themselves; text rendered by the catalog (view
 * definitions, expressions, constraint and index definitions) is used verbatim.
 */
public interface SchemaObject {
    /** What this object is and its key in the {@link Schema} map of its kind. */
    ObjectRef ref();

    /** The statement that creates this object alone, as it is in the catalog. */
    String createSql();

    /** The statement that drops this object (without {@code CASCADE}). */
    String dropSql();

    /** The comment on the object, or null. */
    String comment();

    /** {@code COMMENT ON ... IS ...} setting this object's comment (or removing it when null). */
    default String commentSql() {
        return Sql.commentOn(ref().kind().sqlKeyword() + " " + ref().key(), comment());
    }
}
