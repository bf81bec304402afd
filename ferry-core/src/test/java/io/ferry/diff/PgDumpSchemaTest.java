package io.ferry.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The independent check sees what the catalog reader may miss, and ignores only column order. */
@ExtendWith(PostgresExtension.class)
class PgDumpSchemaTest {
    @Test
    void columnOrderAndMetaLinesDoNotCount() {
        TestDatabase a = ApplyAndRediff.load("CREATE TABLE t (a integer, b text);", "dump_order_a");
        TestDatabase b = ApplyAndRediff.load("CREATE TABLE t (b text, a integer);", "dump_order_b");
        List<String> statements = PgDumpSchema.statements(a);
        assertTrue(statements.stream().anyMatch(s -> s.startsWith("CREATE TABLE public.t")), statements.toString());
        assertTrue(statements.stream().noneMatch(s -> s.startsWith("SET ") || s.startsWith("\\")), statements.toString());
        assertEquals(statements, PgDumpSchema.statements(b));
    }

    @Test
    void aCommentOrAStatisticsTargetCounts() {
        TestDatabase a = ApplyAndRediff.load("CREATE TABLE t (a integer);", "dump_comment_a");
        TestDatabase b = ApplyAndRediff.load("CREATE TABLE t (a integer); COMMENT ON COLUMN t.a IS 'x';"
                + " ALTER TABLE t ALTER COLUMN a SET STATISTICS 500;", "dump_comment_b");
        assertNotEquals(PgDumpSchema.statements(a), PgDumpSchema.statements(b));
        assertThrows(AssertionError.class, () -> PgDumpSchema.assertSame(a, b, "-- script"));
    }

    @Test
    void restrictLinesAreDropped() {
        String dump = "--\n\\restrict abc\nSET x = 1;\nSELECT pg_catalog.set_config('search_path', '', false);\n"
                + "CREATE TABLE public.t (\n    b text,\n    a integer\n);\n\\unrestrict abc\n";
        assertEquals(List.of("CREATE TABLE public.t (\n    a integer\n    b text\n);"), PgDumpSchema.normalise(dump));
    }
}
