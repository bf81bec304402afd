package io.ferry.diff;

import java.util.Map;
import java.util.Set;

/**
 * Whether {@code ALTER COLUMN ... TYPE ... USING col::type} can work: PostgreSQL's built-in casts
 * between built-in types (its {@code pg_cast}), plus the conversions through text every type has
 * (any type to and from the string types). Only a pair of built-in types known to have no cast is
 * refused; for any other type (user, extension) the answer is yes, and the server has the last word.
 * Types are written as {@code format_type} writes them; length, precision and array bounds aside,
 * a type always casts to itself.
 */
final class Casts {
    private static final Set<String> STRINGS = Set.of("text", "character varying", "character", "name", "\"char\"");
    private static final Set<String> NUMBERS = Set.of("smallint", "integer", "bigint", "real", "double precision",
            "numeric");
    /** Built-in types and, for each, the non-string types it casts to. */
    private static final Map<String, Set<String>> CASTS = Map.ofEntries(
            Map.entry("smallint", Set.of("integer", "bigint", "real", "double precision", "numeric", "oid")),
            Map.entry("integer", Set.of("smallint", "bigint", "real", "double precision", "numeric", "money", "boolean",
                    "bit", "oid")),
            Map.entry("bigint", Set.of("smallint", "integer", "real", "double precision", "numeric", "money", "bit",
                    "oid")),
            Map.entry("real", NUMBERS),
            Map.entry("double precision", NUMBERS),
            Map.entry("numeric", Set.of("smallint", "integer", "bigint", "real", "double precision", "money")),
            Map.entry("money", Set.of("numeric")),
            Map.entry("oid", Set.of("integer", "bigint")),
            Map.entry("boolean", Set.of("integer")),
            Map.entry("bit", Set.of("integer", "bigint", "bit varying")),
            Map.entry("bit varying", Set.of("bit")),
            Map.entry("date", Set.of("timestamp without time zone", "timestamp with time zone")),
            Map.entry("timestamp without time zone", Set.of("date", "time without time zone", "timestamp with time zone")),
            Map.entry("timestamp with time zone", Set.of("date", "time without time zone", "time with time zone",
                    "timestamp without time zone")),
            Map.entry("time without time zone", Set.of("interval", "time with time zone")),
            Map.entry("time with time zone", Set.of("time without time zone")),
            Map.entry("interval", Set.of("time without time zone")),
            Map.entry("json", Set.of("jsonb")),
            Map.entry("jsonb", Set.of("json", "boolean", "smallint", "integer", "bigint", "real", "double precision",
                    "numeric")),
            Map.entry("inet", Set.of("cidr")),
            Map.entry("cidr", Set.of("inet")),
            Map.entry("macaddr", Set.of("macaddr8")),
            Map.entry("macaddr8", Set.of("macaddr")),
            Map.entry("uuid", Set.of()),
            Map.entry("bytea", Set.of()),
            Map.entry("xml", Set.of()),
            Map.entry("tsvector", Set.of()),
            Map.entry("tsquery", Set.of()));

    private Casts() {
    }

    /** False only when both types are built in and PostgreSQL has no cast from one to the other. */
    static boolean exists(String from, String to) {
        String f = base(from);
        String t = base(to);
        if (f.equals(t) || STRINGS.contains(f) || STRINGS.contains(t)) {
            return true;
        }
        boolean fromArray = f.endsWith("[]");
        boolean toArray = t.endsWith("[]");
        if (fromArray && toArray) {
            return exists(f.substring(0, f.length() - 2), t.substring(0, t.length() - 2));
        }
        String fromElement = fromArray ? f.substring(0, f.length() - 2) : f;
        String toElement = toArray ? t.substring(0, t.length() - 2) : t;
        if (!CASTS.containsKey(fromElement) || !CASTS.containsKey(toElement)) {
            return true;
        }
        return !fromArray && !toArray && CASTS.get(f).contains(t);
    }

    /** The type without length, precision or time precision: {@code numeric(10,2)} is {@code numeric}. */
    static String base(String type) {
        return type.replaceAll("\\(\\d+(,\\d+)?\\)", "");
    }
}
