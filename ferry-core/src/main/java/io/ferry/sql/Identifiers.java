package io.ferry.sql;

/** Quoting of SQL identifiers (placeholder until the script reader lands). */
public final class Identifiers {
    private Identifiers() {
    }

    public static String quote(String ident) {
        return "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
