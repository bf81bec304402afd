package io.ferry.sql;

import static io.ferry.sql.ScriptItems.read;
import static io.ferry.sql.ScriptItems.readAll;
import static io.ferry.sql.ScriptItems.readTrickling;
import static io.ferry.sql.ScriptItems.stmt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.ScriptItems.Data;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyDataTest {

    @Test
    void copyFromStdinIsFollowedByItsData() {
        String script = "COPY public.t (a, b) FROM stdin;\n1\tx\n2\ty\n\\.\nSELECT 1;\n";
        assertEquals(List.of(stmt("COPY public.t (a, b) FROM stdin", 1), new Data("1\tx\n2\ty\n", 2), stmt("SELECT 1", 5)),
                read(script));
    }

    @Test
    void copyIsRecognisedInAnyCaseAndWithOptions() {
        String script = "copy t from STDIN with (format csv, header true);\na,b\n\\.\n"
                + "Copy t FROM Stdin\n  WITH (FORMAT text);\nx\n\\.\n";
        assertEquals(List.of(stmt("copy t from STDIN with (format csv, header true)", 1), new Data("a,b\n", 2),
                        stmt("Copy t FROM Stdin\n  WITH (FORMAT text)", 4), new Data("x\n", 6)),
                read(script));
    }

    @Test
    void dataIsPassedThroughVerbatim() {
        String data = "1\tsemi; colon\n"
                + "2\tit's \"quoted\"\n"
                + "3\t$$ dollar $tag$\n"
                + "4\tback\\\\slash \\t tab\\n\n"
                + "5\t-- not a comment\n"
                + "6\t/* not a comment\n"
                + "\\.x not the end\n"
                + " \\.\n"
                + "\\\\.\n"
                + "\\N\t\\.\n"
                + "BEGIN ATOMIC; COPY u FROM stdin;\n"
                + "\n";
        String script = "COPY t (id, v) FROM stdin;\n" + data + "\\.\nSELECT 2;";
        assertEquals(List.of(stmt("COPY t (id, v) FROM stdin", 1), new Data(data, 2), stmt("SELECT 2", 15)),
                read(script));
        assertEquals(read(script), readTrickling(script));
    }

    @Test
    void crLfDataKeepsItsLineEndings() {
        String script = "COPY t FROM stdin;\r\na\tb\r\nc\td\r\n\\.\r\nSELECT 1;\r\n";
        assertEquals(List.of(stmt("COPY t FROM stdin", 1), new Data("a\tb\r\nc\td\r\n", 2), stmt("SELECT 1", 5)),
                read(script));
    }

    @Test
    void emptyDataAndTerminatorAtEndOfScript() {
        assertEquals(List.of(stmt("COPY t FROM stdin", 1), new Data("", 2), stmt("COPY u FROM stdin", 3),
                        new Data("x\n", 4)),
                read("COPY t FROM stdin;\n\\.\nCOPY u FROM stdin;\nx\n\\."));
    }

    @Test
    void commentMayFollowTheSemicolon() {
        assertEquals(List.of(stmt("COPY t FROM stdin", 1), new Data("x\n", 2)),
                read("COPY t FROM stdin;  -- data follows\nx\n\\.\n"));
    }

    @Test
    void otherTextAfterTheSemicolonIsRejected() {
        FerryException e = assertThrows(FerryException.class, () -> read("COPY t FROM stdin; SELECT 1;\nx\n\\.\n"));
        assertEquals(ErrorCode.INPUT, e.code());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void missingTerminatorNamesTheCopyLine() {
        String script = "SELECT 1;\n\nCOPY t FROM stdin;\n1\n2\n";
        // Both when the caller reads the data and when next() skips it.
        FerryException read = assertThrows(FerryException.class, () -> read(script));
        assertEquals(ErrorCode.INPUT, read.code());
        assertTrue(read.getMessage().contains("at line 3"), read.getMessage());

        FerryException skipped = assertThrows(FerryException.class, () -> {
            try (ScriptReader reader = new ScriptReader(new StringReader(script))) {
                for (ScriptItem item = reader.next(); item != null; item = reader.next()) {
                    // leave the data unread
                }
            }
        });
        assertEquals(ErrorCode.INPUT, skipped.code());
        assertTrue(skipped.getMessage().contains("at line 3"), skipped.getMessage());
    }

    @Test
    void lastDataLineWithoutLineBreakIsNotATerminator() {
        assertThrows(FerryException.class, () -> read("COPY t FROM stdin;\nx\n\\.y"));
    }

    @Test
    void unreadDataIsSkippedAndTheReaderIsThenUnusable() throws Exception {
        String script = "COPY t FROM stdin;\nabc\ndef\n\\.\nSELECT 1;\n";
        try (ScriptReader reader = new ScriptReader(new StringReader(script))) {
            reader.next();
            CopyData data = assertInstanceOf(CopyData.class, reader.next());
            Reader lines = data.reader();
            assertEquals('a', lines.read());
            assertEquals(stmt("SELECT 1", 5), reader.next());
            assertThrows(IllegalStateException.class, lines::read);
            assertNull(reader.next());
        }
    }

    @Test
    void closingTheDataReaderLeavesTheScriptOpen() throws Exception {
        try (ScriptReader reader = new ScriptReader(new StringReader("COPY t FROM stdin;\nabc\n\\.\nSELECT 1;"))) {
            reader.next();
            CopyData data = (CopyData) reader.next();
            data.reader().close();
            assertEquals(stmt("SELECT 1", 4), reader.next());
        }
    }

    @Test
    void dataReaderEndsAtTheTerminator() throws Exception {
        try (ScriptReader reader = new ScriptReader(new StringReader("COPY t FROM stdin;\nabc\n\\.\nSELECT 1;"))) {
            reader.next();
            Reader lines = ((CopyData) reader.next()).reader();
            assertEquals("abc\n", readAll(lines));
            assertEquals(-1, lines.read());
            assertEquals(-1, lines.read(new char[4], 0, 4));
        }
    }

    @Test
    void copyWithoutStdinIsJustAStatement() {
        String script = "COPY t FROM 'package.csv';\nCOPY t TO stdout;\nCOPY (SELECT * FROM stdin) TO stdout;\n"
                + "COPY t FROM PROGRAM 'cat';\nCOPY t (from, stdin) TO stdout;\nSELECT 'FROM stdin';\n";
        assertEquals(List.of("COPY t FROM 'package.csv'", "COPY t TO stdout", "COPY (SELECT * FROM stdin) TO stdout",
                        "COPY t FROM PROGRAM 'cat'", "COPY t (from, stdin) TO stdout", "SELECT 'FROM stdin'"),
                ScriptItems.sql(script));
    }

    @Test
    void linesLongerThanTheBufferArriveWhole() {
        String longLine = "x".repeat(100_000) + ";$$'\n";
        String script = "COPY t FROM stdin;\n" + longLine + "\\.\nSELECT 3;";
        assertEquals(List.of(stmt("COPY t FROM stdin", 1), new Data(longLine, 2), stmt("SELECT 3", 4)),
                read(script));
        assertEquals(read(script), readTrickling(script));
    }

    @Test
    void statementsRejectsCopyData() {
        FerryException e = assertThrows(FerryException.class,
                () -> ScriptReader.statements("SELECT 1;\nCOPY t FROM stdin;\n1\n\\.\n"));
        assertEquals(ErrorCode.INPUT, e.code());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
