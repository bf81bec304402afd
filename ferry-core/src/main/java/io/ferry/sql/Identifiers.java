package io.ferry.sql;

import java.util.Objects;
import java.util.Set;

/**
 * Quoting of identifiers and string literals for SQL that Ferry generates, so that names taken from
 * a database or a user (a role called {@code evil"role}, a table called {@code x"; DROP TABLE t; --})
 * can never change the meaning of a statement.
 */
public final class Identifiers {
    /**
     * The keywords of PostgreSQL 17 that cannot serve as every kind of bare name: the reserved ones,
     * those also allowed as type or function names, and those also allowed as column names. These are
     * the categories PostgreSQL's own {@code quote_ident} quotes; an unreserved keyword such as
     * {@code name} or {@code begin} works unquoted everywhere. Quoting a word needlessly is always
     * safe, so the list errs on the side of including.
     */
    private static final Set<String> KEYWORDS = Set.of(
            // reserved
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case",
            "cast", "check", "collate", "column", "constraint", "create", "current_catalog", "current_date",
            "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable",
            "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from",
            "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit",
            "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing",
            "primary", "references", "returning", "select", "session_user", "some", "symmetric",
            "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
            "variadic", "when", "where", "window", "with",
            // allowed as type or function names only
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze",
            "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer",
            "overlaps", "right", "similar", "tablesample", "verbose",
            // allowed as column names only
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal",
            "exists", "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval",
            "json", "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg",
            "json_query", "json_scalar", "json_serialize", "json_table", "json_value", "least",
            "merge_action", "national", "nchar", "none", "normalize", "nullif", "numeric", "out", "overlay",
            "position", "precision", "real", "row", "setof", "smallint", "substring", "time", "timestamp",
            "treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists",
            "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable");

    private Identifiers() {
    }

    /**
     * The identifier in double quotes, with embedded double quotes doubled: always a single
     * identifier that names exactly {@code ident}, whatever it contains. (PostgreSQL truncates names
     * longer than 63 bytes; that is not checked here.)
     *
     * @throws IllegalArgumentException if {@code ident} is empty or contains the character U+0000,
     *     which no PostgreSQL name can hold
     */
    public static String quote(String ident) {
        requireName(ident);
        // Every key of the schema model is built from quoted names, so this runs tens of thousands of
        // times per diff: whole-string operations, not a loop over characters.
        return '"' + ident.replace("\"", "\"\"") + '"';
    }

    /**
     * The identifier as it is if it reads back unchanged without quotes, otherwise {@link #quote}d.
     * It stays bare only if it is made of ASCII lower-case letters, digits and underscores, does not
     * start with a digit, and is not a keyword (see above). Upper case would be folded to lower case,
     * and non-ASCII letters are quoted too, because how the server folds them depends on its encoding.
     *
     * @throws IllegalArgumentException as for {@link #quote}
     */
    public static String quoteIfNeeded(String ident) {
        requireName(ident);
        return isPlain(ident) && !KEYWORDS.contains(ident) ? ident : quote(ident);
    }

    /**
     * The value as a SQL string literal. Single quotes are doubled. A value without a backslash
     * becomes a plain {@code '...'} literal, which assumes {@code standard_conforming_strings} is on
     * (the default since PostgreSQL 9.1, and what pg_dump sets). A value with a backslash becomes an
     * escape string {@code E'...'} with every backslash doubled: that reads back the same whether the
     * setting is on or off, where a plain literal would, with the setting off, let {@code \'} end the
     * string early and open the door to injection.
     *
     * @throws IllegalArgumentException if {@code value} contains the character U+0000, which a
     *     PostgreSQL text value cannot hold
     */
    public static String literal(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a SQL string cannot contain the character U+0000");
        }
        boolean escape = value.indexOf('\\') >= 0;
        StringBuilder literal = new StringBuilder(value.length() + 3);
        if (escape) {
            literal.append('E');
        }
        literal.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            literal.append(c);
            if (c == '\'' || (escape && c == '\\')) {
                literal.append(c);
            }
        }
        return literal.append('\'').toString();
    }

    private static void requireName(String ident) {
        Objects.requireNonNull(ident, "ident");
        if (ident.isEmpty()) {
            throw new IllegalArgumentException("an identifier cannot be empty");
        }
        if (ident.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an identifier cannot contain the character U+0000");
        }
    }

    private static boolean isPlain(String ident) {
        char first = ident.charAt(0);
        if (!((first >= 'a' && first <= 'z') || first == '_')) {
            return false;
        }
        for (int i = 1; i < ident.length(); i++) {
            char c = ident.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
