package io.ferry.sql;

import static io.ferry.sql.ScriptItems.meta;
import static io.ferry.sql.ScriptItems.read;
import static io.ferry.sql.ScriptItems.sql;
import static io.ferry.sql.ScriptItems.stmt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptReaderTest {

    @Test
    void splitsAtSemicolons() {
        assertEquals(List.of(stmt("SELECT 1", 1), stmt("SELECT 2", 1), stmt("SELECT 3", 2)),
                read("SELECT 1; SELECT 2;\nSELECT 3;\n"));
    }

    @Test
    void semicolonInSingleQuotesWithDoubledQuotes() {
        assertEquals(List.of("SELECT 'a;b''c;'''", "SELECT 2"), sql("SELECT 'a;b''c;'''; SELECT 2;"));
    }

    @Test
    void escapeStringsHonourBackslashes() {
        assertEquals(List.of("SELECT E'it\\'s; \\\\'", "SELECT e'\\''';'", "SELECT 3"),
                sql("SELECT E'it\\'s; \\\\'; SELECT e'\\''';'; SELECT 3;"));
    }

    @Test
    void escapeStringAllowsDoubledQuotes() {
        assertEquals(List.of("SELECT E'a'';b\\\\'", "SELECT 2"), sql("SELECT E'a'';b\\\\'; SELECT 2;"));
    }

    @Test
    void onlyAStandaloneEStartsAnEscapeString() {
        // In "code'a\'" the word ends in e, the quote opens a plain string, and the backslash is just a character.
        assertEquals(List.of("SELECT code'a\\'", "SELECT 2"), sql("SELECT code'a\\'; SELECT 2;"));
        assertEquals(List.of("SELECT e 'b\\'", "SELECT 2"), sql("SELECT e 'b\\'; SELECT 2;"));
        assertEquals(List.of("SELECT 1e'c\\'", "SELECT 2"), sql("SELECT 1e'c\\'; SELECT 2;"));
    }

    @Test
    void prefixedStringsAreReadAsPlainStrings() {
        assertEquals(List.of("SELECT U&'d\\0061t;a', B'1;0', X'1;F', N'x;y', U&\"a;b\"", "SELECT 2"),
                sql("SELECT U&'d\\0061t;a', B'1;0', X'1;F', N'x;y', U&\"a;b\"; SELECT 2;"));
    }

    @Test
    void dollarQuotesWithAndWithoutTags() {
        String body = """
                CREATE FUNCTION f() RETURNS text AS $fn$
                BEGIN
                  RETURN $$inner; 'quote$$ || $x$;$x$; -- no comment; here
                END;
                $fn$ LANGUAGE plpgsql""";
        assertEquals(List.of("SELECT $$a;b$$", "SELECT $_$;$_$", body, "SELECT 4"),
                sql("SELECT $$a;b$$; SELECT $_$;$_$; " + body + ";\nSELECT 4;"));
    }

    @Test
    void dollarQuoteCloseMatchRestartsAtDollar() {
        // In "$$a$" the first '$' starts no delimiter, but the second begins "$a$", which closes the quote.
        assertEquals(List.of("SELECT $a$ x $$a$", "SELECT 2"), sql("SELECT $a$ x $$a$; SELECT 2;"));
    }

    @Test
    void parametersAndDollarsInIdentifiersAreNotQuotes() {
        assertEquals(List.of("PREPARE p AS SELECT $1, $2", "SELECT a$$b, c$d$", "SELECT $e", "SELECT 4"),
                sql("PREPARE p AS SELECT $1, $2; SELECT a$$b, c$d$; SELECT $e; SELECT 4;"));
    }

    @Test
    void dollarQuoteRightAfterANumberOpens() {
        assertEquals(List.of("SELECT 1$$;$$", "SELECT 0x1F, 1_000, 1.5e3", "SELECT 3"),
                sql("SELECT 1$$;$$; SELECT 0x1F, 1_000, 1.5e3; SELECT 3;"));
    }

    @Test
    void quotedIdentifiersMayContainSemicolonsAndQuotes() {
        assertEquals(List.of("CREATE TABLE \"a;\"\"b\" (\"x;\" int)", "SELECT 2"),
                sql("CREATE TABLE \"a;\"\"b\" (\"x;\" int); SELECT 2;"));
    }

    @Test
    void commentsHideSemicolonsAndBlockCommentsNest() {
        assertEquals(List.of("SELECT 1", "SELECT /* x; /* nested; */ still; */ 2", "SELECT 3 -- c;\n"),
                sql("SELECT 1; -- a; b\nSELECT /* x; /* nested; */ still; */ 2; SELECT 3 -- c;\n;"));
    }

    @Test
    void sqlStandardFunctionBodyKeepsItsSemicolons() {
        String function = """
                CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT a + b;
                  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
                END""";
        String procedure = "create or replace procedure p(x int) language sql begin atomic "
                + "insert into t values (x); select (case when x > 1 then 2 end); end";
        assertEquals(List.of(function, procedure, "SELECT 3"),
                sql(function + ";\n" + procedure + ";\nSELECT 3;"));
    }

    @Test
    void transactionBlocksAreOrdinaryStatements() {
        assertEquals(List.of("BEGIN", "SELECT 1", "END", "BEGIN ATOMIC", "CREATE TABLE t (begin int)", "SELECT 4"),
                sql("BEGIN; SELECT 1; END; BEGIN ATOMIC; CREATE TABLE t (begin int); SELECT 4;"));
    }

    @Test
    void theWordBeginAloneDoesNotOpenABlock() {
        // BEGIN is an unreserved keyword, so it can name a parameter or a column; only BEGIN ATOMIC opens a body.
        assertEquals(List.of("CREATE FUNCTION f(begin int) RETURNS int RETURN begin + 1", "SELECT 2"),
                sql("CREATE FUNCTION f(begin int) RETURNS int RETURN begin + 1; SELECT 2;"));
        String function = "CREATE FUNCTION g() RETURNS SETOF int LANGUAGE sql BEGIN ATOMIC SELECT begin FROM t; END";
        assertEquals(List.of(function, "SELECT 2"), sql(function + "; SELECT 2;"));
    }

    @Test
    void semicolonsInsideParenthesesBelongToTheStatement() {
        // pg_dump writes rules with several actions this way.
        String rule = "CREATE RULE r AS ON INSERT TO public.t DO ( INSERT INTO a VALUES (1); UPDATE b SET x = 2; )";
        assertEquals(List.of(rule, "SELECT 2"), sql(rule + ";\nSELECT 2;"));
    }

    @Test
    void unbalancedClosingParenthesisDoesNotHideLaterSemicolons() {
        assertEquals(List.of("SELECT 1)", "SELECT 2"), sql("SELECT 1); SELECT 2;"));
    }

    @Test
    void commentsAndEmptyStatementsProduceNothing() {
        assertEquals(List.of(), read("-- only a comment\n/* and\n another; */\n;;\n  \n"));
        assertEquals(List.of(), read(""));
    }

    @Test
    void lastStatementNeedsNoSemicolon() {
        assertEquals(List.of(stmt("SELECT 1", 1), stmt("SELECT 2", 2)), read("SELECT 1;\nSELECT 2\n\n"));
    }

    @Test
    void lineIsThatOfTheFirstTokenAndLeadingCommentsAreLeftOut() {
        assertEquals(List.of(stmt("SELECT 1 /* inside */", 6), stmt("SELECT 2", 7)),
                read("\n\n-- heading\n/* block\n   comment */\n  SELECT 1 /* inside */; -- after\nSELECT 2"));
    }

    @Test
    void trailingLineCommentKeepsItsLineBreak() {
        assertEquals(List.of("SELECT 1 -- note\n"), sql("SELECT 1 -- note\n;"));
        assertEquals(List.of("SELECT 1 -- note\n"), sql("SELECT 1 -- note"));
        assertEquals(List.of("SELECT 1 -- note\n  + 1"), sql("SELECT 1 -- note\n  + 1\n;"));
        assertEquals(List.of("SELECT 1"), sql("SELECT 1; -- trailing remark\n"));
    }

    @Test
    void lineNumbersAcrossCrLfAndMultiLineStrings() {
        String script = "SELECT 1;\r\nSELECT\r\n 'a\r\nb';\r\n\r\nSELECT $$\n\n$$;\nSELECT E'\\\n';\nSELECT 5;\r\n";
        List<Object> items = read(script);
        assertEquals(List.of(1, 2, 6, 9, 11), items.stream().map(i -> ((SqlStatement) i).line()).toList());
        assertEquals("SELECT\r\n 'a\r\nb'", ((SqlStatement) items.get(1)).sql());
    }

    @Test
    void backslashCommandsOutsideStatements() {
        String script = "\\set ON_ERROR_STOP on\nSELECT 1;\n  \\connect  mydb  \n\\restrict abc123\r\n"
                + "SELECT 2; \\echo done\n\\unrestrict abc123";
        assertEquals(List.of(meta("set", "ON_ERROR_STOP on", 1), stmt("SELECT 1", 2), meta("connect", "mydb", 3),
                        meta("restrict", "abc123", 4), stmt("SELECT 2", 5), meta("echo", "done", 5),
                        meta("unrestrict", "abc123", 6)),
                read(script));
    }

    @Test
    void backslashInsideAStatementStaysInItsText() {
        assertEquals(List.of("SELECT 1\n\\x"), sql("SELECT 1\n\\x\n;"));
    }

    @Test
    void psqlVariablesAreLeftUntouched() {
        assertEquals(List.of("SELECT :'foo', :\"bar\", :baz::int", "SELECT 2"),
                sql("SELECT :'foo', :\"bar\", :baz::int; SELECT 2;"));
    }

    @Test
    void byteOrderMarkIsSkipped() {
        assertEquals(List.of(stmt("CREATE TABLE t (a int)", 1)), read("\uFEFFCREATE TABLE t (a int);"));
    }

    @Test
    void unterminatedConstructsNameTheirLine() {
        assertInput("SELECT 1;\nSELECT $body$ x;\n", "dollar-quoted string $body$ starting at line 2");
        assertInput("SELECT 1;\n\nSELECT 'x;\n", "quoted string starting at line 3");
        assertInput("SELECT E'x\\';", "starting at line 1");
        assertInput("SELECT \"x;", "quoted identifier starting at line 1");
        assertInput("SELECT 1;\n/* a /* b */\n", "comment /* starting at line 2");
    }

    @Test
    void malformedBackslashCommands() {
        assertInput("\\.\n", "\\. outside COPY data at line 1");
        assertInput("SELECT 1;\n\\ x\n", "backslash without a command name at line 2");
    }

    @Test
    void endOfScriptIsReportedOnEveryCall() throws Exception {
        try (ScriptReader reader = new ScriptReader(new StringReader("SELECT 1"))) {
            assertEquals(stmt("SELECT 1", 1), reader.next());
            assertNull(reader.next());
            assertNull(reader.next());
        }
    }

    @Test
    void statementsIgnoresBackslashCommands() {
        assertEquals(List.of(stmt("SELECT 1", 2), stmt("SELECT 2", 3)),
                ScriptReader.statements("\\set x 1\nSELECT 1;\nSELECT 2;\n\\unset x\n"));
    }

    private static void assertInput(String script, String messagePart) {
        FerryException e = assertThrows(FerryException.class, () -> read(script));
        assertEquals(ErrorCode.INPUT, e.code());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
