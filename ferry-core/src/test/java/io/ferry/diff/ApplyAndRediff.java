package io.ferry.diff;

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

/**
 * The differ's strongest check: load schema A and schema B into two databases, diff A → B, apply the
 * statements to A, then diff A against B again and expect nothing.
 */
final class ApplyAndRediff {
    private ApplyAndRediff() {
    }

    /** What one check saw. */
    record Result(TestDatabase a, TestDatabase b, Diff diff, Diff again) {
    }

    static Result run(String aSql, String bSql, String hint, DiffOptions options) {
        TestDatabase a = load(aSql, hint + "_a");
        TestDatabase b = load(bSql, hint + "_b");
        Schema before = CatalogReader.read(a.spec());
        Diff diff = SchemaDiff.between(before, CatalogReader.read(b.spec()), options);
        List<String> sql = new ArrayList<>();
        sql.add(Diff.PREAMBLE);
        diff.statements().forEach(s -> sql.add(s.sql()));
        execute(a, sql, diff);
        Diff again = SchemaDiff.between(CatalogReader.read(a.spec()), CatalogReader.read(b.spec()), options);
        return new Result(a, b, diff, again);
    }

    /**
     * Runs the check and fails, showing both scripts, unless the second diff is empty and
     * {@code pg_dump -s} of both databases is the same ({@link PgDumpSchema}).
     */
    static Result assertConverges(String aSql, String bSql, String hint, DiffOptions options) {
        Result result = run(aSql, bSql, hint, options);
        if (!result.again().isEmpty()) {
            fail("after applying the diff, differences remain:\n" + result.again().script()
                    + "\n--- the diff applied was:\n" + result.diff().script());
        }
        PgDumpSchema.assertSame(result.a(), result.b(), result.diff().script());
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
