package io.ferry.schema.model;

import java.util.Objects;

/**
 * One privilege that one role holds on one object, as {@code aclexplode} lists it. The model records
 * privileges only for objects whose access list differs from the built-in default for their kind;
 * such an object then lists all of its privileges, the owner's included. The grantor is left out:
 * it depends on who ran the GRANT, not on what access the schema gives.
 *
 * @param on the object
 * @param grantee the role, or {@link Roles#PUBLIC}
 * @param privilege the privilege's SQL name, such as {@code SELECT} or {@code EXECUTE}
 * @param grantable whether it was given {@code WITH GRANT OPTION}
 */
public record Privilege(ObjectRef on, String grantee, String privilege, boolean grantable) {
    public Privilege {
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(privilege, "privilege");
    }

    /** Its key in {@link Schema#privileges()}: object, grantee and privilege. */
    public String key() {
        return on + " " + Roles.sql(grantee) + " " + privilege;
    }

    /** {@code GRANT privilege ON kind object TO grantee}. */
    public String grantSql() {
        return "GRANT " + privilege + " ON " + target(on) + " TO " + Roles.sql(grantee)
                + (grantable ? " WITH GRANT OPTION" : "");
    }

    /** {@code REVOKE privilege ON kind object FROM grantee}. */
    public String revokeSql() {
        return "REVOKE " + privilege + " ON " + target(on) + " FROM " + Roles.sql(grantee);
    }

    /** The object as GRANT and REVOKE name it. */
    public static String target(ObjectRef on) {
        String keyword = switch (on.kind()) {
            case TABLE, VIEW, MATERIALIZED_VIEW -> "TABLE";
            case FUNCTION -> "ROUTINE";
            case ENUM, COMPOSITE_TYPE -> "TYPE";
            case SEQUENCE, SCHEMA, DOMAIN -> on.kind().sqlKeyword();
            default -> throw new IllegalArgumentException("no privileges on " + on);
        };
        return keyword + " " + on.key();
    }
}
