package io.ferry.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.sql.ScriptReader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The differ's strongest check: load schema A and schema B into two databases, diff A → B, apply the
 * statements to A, then diff A against B again and expect nothing.
 */
final class ApplyAndRediff {
    private ApplyAndRediff() {
    }

    /**
     * What one check saw; with rows put into A first, what A's surviving tables held before the
     * diff was applied and after (see {@link RowSurvival}), else two empty maps.
     */
    record Result(TestDatabase a, TestDatabase b, Diff diff, Diff again, Map<String, String> rowsBefore,
                  Map<String, String> rowsAfter) {
    }

    static Result run(String aSql, String bSql, String hint, DiffOptions options) {
        return run(aSql, "", bSql, hint, options);
    }

    /** The check with {@code rowsSql} run on A after its schema, so the diff is applied to a table with rows. */
    static Result run(String aSql, String rowsSql, String bSql, String hint, DiffOptions options) {
        TestDatabase a = load(rowsSql.isBlank() ? aSql : aSql + "\n;\n" + rowsSql, hint + "_a");
        TestDatabase b = load(bSql, hint + "_b");
        RowSurvival rows = RowSurvival.between(a, b);
        Map<String, String> rowsBefore = rows.measure(a, true);
        Schema before = CatalogReader.read(a.spec());
        Diff diff = SchemaDiff.between(before, CatalogReader.read(b.spec()), options);
        List<String> sql = new ArrayList<>();
        sql.add(Diff.PREAMBLE);
        diff.statements().forEach(s -> sql.add(s.sql()));
        execute(a, sql, diff);
        Diff again = SchemaDiff.between(CatalogReader.read(a.spec()), CatalogReader.read(b.spec()), options);
        return new Result(a, b, diff, again, rowsBefore, rows.measure(a, false));
    }

    /**
     * Runs the check and fails, showing both scripts, unless the second diff is empty and
     * {@code pg_dump -s} of both databases is the same ({@link PgDumpSchema}).
     */
    static Result assertConverges(String aSql, String bSql, String hint, DiffOptions options) {
        return assertConverges(aSql, "", bSql, hint, options);
    }

    /**
     * The check with rows: the diff must converge, and the rows of every table it keeps must survive
     * it (each kept column's values, as B's type renders them). {@code rowsSql} must put rows into at
     * least one table B keeps, or the check would prove nothing.
     */
    static Result assertConverges(String aSql, String rowsSql, String bSql, String hint, DiffOptions options) {
        Result result = run(aSql, rowsSql, bSql, hint, options);
        if (!result.again().isEmpty()) {
            fail("after applying the diff, differences remain:\n" + result.again().script()
                    + "\n--- the diff applied was:\n" + result.diff().script());
        }
        PgDumpSchema.assertSame(result.a(), result.b(), result.diff().script());
        if (!rowsSql.isBlank()) {
            assertFalse(result.rowsBefore().isEmpty(), hint + ": the rows file fills no table the change keeps");
            assertEquals(result.rowsBefore(), result.rowsAfter(), hint + ": rows did not survive the diff:\n"
                    + result.diff().script());
        }
        return result;
    }

    static TestDatabase load(String sql, String hint) {
        TestDatabase db = PostgresExtension.newDatabase(hint);
        db.execute("DO $$ BEGIN CREATE ROLE schemainspect_test_role NOLOGIN; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        List<String> statements = new ArrayList<>();
        statements.add(Diff.PREAMBLE);
        ScriptReader.statements(sql).forEach(s -> statements.add(s.sql()));
        execute(db, statements, null);
        return db;
    }

    private static void execute(TestDatabase db, List<String> statements, Diff diff) {
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new AssertionError("statement failed: " + e.getMessage() + "\n" + sql
                            + (diff == null ? "" : "\n--- in the diff:\n" + diff.script()), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
