package io.ferry.schema.model;

import io.ferry.sql.Identifiers;

/** How the model names roles in grants and policies. */
public final class Roles {
    /**
     * The name the model uses for the pseudo-role PUBLIC (everyone). No real role can be called
     * {@code public}: PostgreSQL reserves that name, so it cannot be mistaken for one.
     */
    public static final String PUBLIC = "public";

    private Roles() {
    }

    /** The role as SQL: {@code PUBLIC} unquoted, any other name quoted. */
    public static String sql(String role) {
        return PUBLIC.equals(role) ? "PUBLIC" : Identifiers.quote(role);
    }
}
