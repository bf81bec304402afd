package io.ferry.schema.model;

/**
 * The kinds of database object the schema model knows. The order of the constants is the order in
 * which objects of different kinds are created when nothing else decides it (see
 * {@code SchemaScript}); dependencies read from the catalog always take precedence.
 */
public enum ObjectKind {
    SCHEMA("SCHEMA"),
    EXTENSION("EXTENSION"),
    COLLATION("COLLATION"),
    ENUM("TYPE"),
    DOMAIN("DOMAIN"),
    COMPOSITE_TYPE("TYPE"),
    SEQUENCE("SEQUENCE"),
    FUNCTION("FUNCTION"),
    TABLE("TABLE"),
    VIEW("VIEW"),
    MATERIALIZED_VIEW("MATERIALIZED VIEW"),
    CONSTRAINT("CONSTRAINT"),
    INDEX("INDEX"),
    TRIGGER("TRIGGER"),
    POLICY("POLICY");

    private final String sqlKeyword;

    ObjectKind(String sqlKeyword) {
        this.sqlKeyword = sqlKeyword;
    }

    /**
     * The words that name this kind in statements such as {@code COMMENT ON} and {@code ALTER ... OWNER}.
     * Functions that are procedures say {@code PROCEDURE} instead; {@link Function} knows that.
     */
    public String sqlKeyword() {
        return sqlKeyword;
    }
}
