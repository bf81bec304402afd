package io.ferry.schema.model;

import io.ferry.sql.Identifiers;
import java.util.List;
import java.util.stream.Collectors;

/** Small helpers for writing statements from model values. */
final class Sql {
    private Sql() {
    }

    static String quote(String identifier) {
        return Identifiers.quote(identifier);
    }

    static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    static String literalOrNull(String value) {
        return value == null ? "NULL" : Identifiers.literal(value);
    }

    /** {@code COMMENT ON <what> IS '<text>'}, the target already written as SQL. */
    static String commentOn(String target, String text) {
        return "COMMENT ON " + target + " IS " + literalOrNull(text);
    }
}
