package io.ferry.schema.model;

import io.ferry.sql.Identifiers;

/** An object with an owning role. */
public interface Owned extends SchemaObject {
    /** The owning role's name. */
    String owner();

    /** {@code ALTER ... OWNER TO role}. */
    default String ownerSql() {
        return "ALTER " + ref().kind().sqlKeyword() + " " + ref().key() + " OWNER TO "
                + Identifiers.quote(owner());
    }
}
