package io.ferry.pgdump;

import io.ferry.sql.Identifiers;
import java.util.Set;

/**
 * The statement that gives an entry's object to the owner the table of contents records, as
 * {@code pg_restore} without {@code -O} writes it after the entry's definition. An archive's
 * definitions carry no owners: pg_restore adds an {@code ALTER ... OWNER TO} for each entry that names
 * an owner and has a drop statement (what has none is not an object of its own), naming the object by
 * its kind, schema and tag, or, for routines and operators, whose name needs their arguments, by
 * what follows {@code DROP} in the drop statement. Views, materialized views and sequences are
 * altered as tables. Other kinds (indexes, constraints, triggers, ...) have no owner of their own.
 */
final class EntryOwner {
    /** Kinds named by schema and tag; views and sequences go as TABLE. */
    private static final Set<String> BY_NAME = Set.of("COLLATION", "CONVERSION", "DOMAIN", "TABLE", "TYPE",
            "FOREIGN TABLE", "TEXT SEARCH DICTIONARY", "TEXT SEARCH CONFIGURATION", "STATISTICS",
            "PROCEDURAL LANGUAGE", "SCHEMA", "EVENT TRIGGER", "FOREIGN DATA WRAPPER", "SERVER", "PUBLICATION",
            "SUBSCRIPTION");
    private static final Set<String> AS_TABLE = Set.of("VIEW", "SEQUENCE", "MATERIALIZED VIEW");
    /** Kinds named as their drop statement names them. */
    private static final Set<String> BY_DROP = Set.of("AGGREGATE", "FUNCTION", "OPERATOR", "OPERATOR CLASS",
            "OPERATOR FAMILY", "PROCEDURE");

    private EntryOwner() {
    }

    /**
     * {@code ALTER kind name OWNER TO owner}, or null when the entry's object has no owner to set;
     * the owner is {@code everything} when that is not null, else the entry's.
     */
    static String alterOwner(TocEntry entry, String everything) {
        if (entry.owner() == null || entry.owner().isEmpty() || entry.dropStatement() == null
                || entry.dropStatement().isBlank()) {
            return null;
        }
        String object = object(entry);
        return object == null ? null : "ALTER " + object + " OWNER TO "
                + Identifiers.quote(everything != null ? everything : entry.owner()) + ";";
    }

    private static String object(TocEntry entry) {
        String kind = AS_TABLE.contains(entry.description()) ? "TABLE" : entry.description();
        if (BY_NAME.contains(kind)) {
            boolean inSchema = entry.namespace() != null && !entry.namespace().isEmpty();
            return kind + " " + (inSchema ? Identifiers.quote(entry.namespace()) + "." : "")
                    + Identifiers.quote(entry.tag());
        }
        if (BY_DROP.contains(kind)) {
            String drop = entry.dropStatement().strip();
            if (!drop.startsWith("DROP ")) {
                return null;
            }
            String named = drop.substring("DROP ".length());
            while (named.endsWith(";")) {
                named = named.substring(0, named.length() - 1).strip();
            }
            // pg_dump --clean --if-exists writes the drop statements with IF EXISTS.
            return named.replaceFirst("^" + java.util.regex.Pattern.quote(kind) + " IF EXISTS ", kind + " ");
        }
        return null;
    }
}
