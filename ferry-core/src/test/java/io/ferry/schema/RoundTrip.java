package io.ferry.schema;

import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.schema.model.Dependency;
import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.schema.script.SchemaScript;
import io.ferry.sql.ScriptReader;
import io.ferry.sql.SqlStatement;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The strongest check of the model: build a database from SQL, read it, write the model back out
 * with {@link SchemaScript}, run that in a new database, read that one, and expect the same model.
 */
final class RoundTrip {
    private RoundTrip() {
    }

    /** The schemas of the source database and of the one rebuilt from its model. */
    record Result(Schema source, Schema rebuilt, List<String> script) {
    }

    static Result run(String sql, String hint) {
        TestDatabase source = PostgresExtension.newDatabase(hint + "_src");
        ensureTestRoles(source);
        execute(source, ScriptReader.statements(sql).stream().map(SqlStatement::sql).toList());
        Schema schema = CatalogReader.read(source.spec());
        List<String> script = SchemaScript.create(schema);
        TestDatabase target = PostgresExtension.newDatabase(hint + "_dst");
        execute(target, script);
        return new Result(schema, CatalogReader.read(target.spec()), script);
    }

    /** Runs the round trip and fails, naming every difference, unless the two schemas are equal. */
    static Result assertRoundTrip(String sql, String hint) {
        Result result = run(sql, hint);
        assertSameSchema(result.source(), result.rebuilt(), result.script());
        return result;
    }

    /** Roles some fixtures grant to; roles are cluster-wide, so create them once and tolerate that. */
    static void ensureTestRoles(TestDatabase db) {
        db.execute("DO $$ BEGIN CREATE ROLE schemainspect_test_role NOLOGIN; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    }

    static void execute(TestDatabase db, List<String> statements) {
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new AssertionError("statement failed: " + e.getMessage() + "\n" + sql, e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertSameSchema(Schema expected, Schema actual, List<String> script) {
        if (expected.equals(actual)) {
            return;
        }
        List<String> differences = new ArrayList<>();
        compare("schemas", expected.schemas(), actual.schemas(), differences);
        compare("extensions", expected.extensions(), actual.extensions(), differences);
        compare("collations", expected.collations(), actual.collations(), differences);
        compare("enums", expected.enums(), actual.enums(), differences);
        compare("domains", expected.domains(), actual.domains(), differences);
        compare("compositeTypes", expected.compositeTypes(), actual.compositeTypes(), differences);
        compare("sequences", expected.sequences(), actual.sequences(), differences);
        compare("functions", expected.functions(), actual.functions(), differences);
        compare("tables", expected.tables(), actual.tables(), differences);
        compare("views", expected.views(), actual.views(), differences);
        compare("constraints", expected.constraints(), actual.constraints(), differences);
        compare("indexes", expected.indexes(), actual.indexes(), differences);
        compare("triggers", expected.triggers(), actual.triggers(), differences);
        compare("policies", expected.policies(), actual.policies(), differences);
        compare("privileges", expected.privileges(), actual.privileges(), differences);
        Set<Dependency> missing = new TreeSet<>(expected.dependencies());
        missing.removeAll(actual.dependencies());
        Set<Dependency> extra = new TreeSet<>(actual.dependencies());
        extra.removeAll(expected.dependencies());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            differences.add("dependencies: missing " + missing + ", extra " + extra);
        }
        fail("schemas differ:\n  " + String.join("\n  ", differences) + "\nscript:\n"
                + String.join(";\n", script) + ";");
    }

    private static <V> void compare(String what, Map<String, V> expected, Map<String, V> actual, List<String> out) {
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            V a = expected.get(key);
            V b = actual.get(key);
            if (!Objects.equals(a, b)) {
                out.add(what + " " + key + ":\n      expected " + a + "\n      actual   " + b);
            }
        }
    }
}
