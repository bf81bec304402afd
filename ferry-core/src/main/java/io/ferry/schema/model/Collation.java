package io.ferry.schema.model;

import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A collation created in a user schema. The collation's version is left out: it belongs to the
 * operating system's or ICU's library, not to the schema.
 *
 * @param name its name
 * @param provider {@code libc}, {@code icu} or {@code default}
 * @param lcCollate LC_COLLATE for libc collations, else null
 * @param lcCtype LC_CTYPE for libc collations, else null
 * @param locale the ICU locale for ICU collations, else null
 * @param deterministic false for nondeterministic (for example case-insensitive) collations
 * @param owner its owning role
 * @param comment its comment, or null
 */
public record Collation(QualifiedName name, String provider, String lcCollate, String lcCtype, String locale,
                        boolean deterministic, String owner, String comment) implements Owned {
    public Collation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(owner, "owner");
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.COLLATION, ObjectRef.key(name));
    }

    @Override
    public String createSql() {
        List<String> options = new ArrayList<>();
        options.add("provider = " + provider);
        if (locale != null) {
            options.add("locale = " + Identifiers.literal(locale));
        }
        if (lcCollate != null) {
            options.add("lc_collate = " + Identifiers.literal(lcCollate));
        }
        if (lcCtype != null) {
            options.add("lc_ctype = " + Identifiers.literal(lcCtype));
        }
        if (!deterministic) {
            options.add("deterministic = false");
        }
        return "CREATE COLLATION " + name.sql() + " (" + String.join(", ", options) + ")";
    }

    @Override
    public String dropSql() {
        return "DROP COLLATION " + name.sql();
    }
}
