package io.ferry.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void quoteDoublesEmbeddedQuotes() {
        assertEquals("\"evil\"\"role\"", Identifiers.quote("evil\"role"));
        assertEquals("\"x\"\"; DROP TABLE t; --\"", Identifiers.quote("x\"; DROP TABLE t; --"));
        assertEquals("\"plain\"", Identifiers.quote("plain"));
        assertEquals("\"\"\"\"", Identifiers.quote("\""));
    }

    @Test
    void quotedHostileNamesStayOneStatement() {
        for (String hostile : List.of("x\"; DROP TABLE t; --", "evil\"role", "a'b", "$$", "/*", "\\")) {
            String sql = "SELECT 1 FROM " + Identifiers.quoteIfNeeded(hostile) + " WHERE name = "
                    + Identifiers.literal(hostile) + "; SELECT 2";
            assertEquals(2, ScriptReader.statements(sql).size(), sql);
        }
    }

    @Test
    void quoteIfNeededLeavesPlainLowerCaseNamesBare() {
        assertEquals("package", Identifiers.quoteIfNeeded("package"));
        assertEquals("_x1", Identifiers.quoteIfNeeded("_x1"));
        assertEquals("resource_view", Identifiers.quoteIfNeeded("resource_view"));
        // Unreserved keywords work bare everywhere.
        assertEquals("name", Identifiers.quoteIfNeeded("name"));
        assertEquals("begin", Identifiers.quoteIfNeeded("begin"));
    }

    @Test
    void quoteIfNeededQuotesEverythingElse() {
        assertEquals("\"MixedCase\"", Identifiers.quoteIfNeeded("MixedCase"));
        assertEquals("\"données\"", Identifiers.quoteIfNeeded("données"));
        assertEquals("\"1abc\"", Identifiers.quoteIfNeeded("1abc"));
        assertEquals("\"a$b\"", Identifiers.quoteIfNeeded("a$b"));
        assertEquals("\"with space\"", Identifiers.quoteIfNeeded("with space"));
        assertEquals("\"evil\"\"role\"", Identifiers.quoteIfNeeded("evil\"role"));
    }

    @Test
    void quoteIfNeededQuotesKeywords() {
        for (String keyword : List.of("user", "table", "group", "order", "select", "from", "where", "default",
                "check", "column", "constraint", "primary", "references", "unique", "all", "and", "or", "not",
                "null", "true", "false", "end", "limit", "offset", "on", "to", "with", "when", "case", "create",
                "grant", "as", "desc", "asc", "analyse", "analyze", "any", "array", "both", "cast", "collate",
                "current_date", "current_user", "session_user", "distinct", "do", "else", "except", "fetch",
                "for", "foreign", "having", "in", "initially", "intersect", "into", "lateral", "leading",
                "localtime", "only", "placing", "returning", "some", "symmetric", "then", "trailing", "union",
                "using", "variadic", "window", "deferrable", "current_role", "current_time",
                "current_timestamp", "localtimestamp", "authorization", "binary", "collation", "concurrently",
                "cross", "freeze", "full", "ilike", "inner", "is", "isnull", "join", "left", "like", "natural",
                "notnull", "outer", "overlaps", "right", "similar", "tablesample", "verbose", "values", "int")) {
            assertEquals('"' + keyword + '"', Identifiers.quoteIfNeeded(keyword));
        }
    }

    @Test
    void emptyAndNulNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Identifiers.quote(""));
        assertThrows(IllegalArgumentException.class, () -> Identifiers.quoteIfNeeded(""));
        assertThrows(IllegalArgumentException.class, () -> Identifiers.quote("a\0b"));
        assertThrows(NullPointerException.class, () -> Identifiers.quote(null));
    }

    @Test
    void literalDoublesQuotes() {
        assertEquals("'it''s'", Identifiers.literal("it's"));
        assertEquals("'x''; DROP TABLE t; --'", Identifiers.literal("x'; DROP TABLE t; --"));
        assertEquals("''", Identifiers.literal(""));
        assertEquals("'données'", Identifiers.literal("données"));
    }

    @Test
    void literalWithBackslashIsAnEscapeString() {
        assertEquals("E'C:\\\\dir\\\\new'", Identifiers.literal("C:\\dir\\new"));
        // With standard_conforming_strings off, a plain '\'' would end early; the escape form cannot.
        assertEquals("E'\\\\''; DROP TABLE t; --'", Identifiers.literal("\\'; DROP TABLE t; --"));
        assertThrows(IllegalArgumentException.class, () -> Identifiers.literal("a\0"));
    }
}
