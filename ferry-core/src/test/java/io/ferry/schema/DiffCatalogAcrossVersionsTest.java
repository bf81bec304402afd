package io.ferry.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.Function;
import io.ferry.schema.model.FunctionKind;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.schema.read.CatalogReader;
import io.ferry.test.PostgresVersions;
import io.ferry.test.TestDatabase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a diff reads beyond the objects themselves (table settings, the comment on a key's index,
 * aggregates, what the model leaves out) is read alike on every server version: the same statements
 * run on a server of each version and on the bundled 15 give the same values. The migra corpus holds
 * few of these, so they are checked here; the queries for them have variants before 10 and 11.
 */
@Tag("slow")
class DiffCatalogAcrossVersionsTest {
    /** Statements every version from 9.6 on knows. */
    private static final String SCRIPT = """
            CREATE TABLE t (id integer PRIMARY KEY, v text);
            CREATE INDEX t_v ON t (v);
            ALTER TABLE t REPLICA IDENTITY FULL;
            ALTER TABLE t ALTER COLUMN v SET STATISTICS 500;
            ALTER TABLE t CLUSTER ON t_v;
            COMMENT ON INDEX t_pkey IS 'the key';
            CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer, FINALFUNC = int4abs, INITCOND = '0');
            CREATE RULE no_delete AS ON DELETE TO t DO INSTEAD NOTHING;
            """;

    static Stream<String> versions() {
        return PostgresVersions.selected(PostgresVersions.SOURCES, List.of("9.6", "10", "17")).stream()
                .filter(v -> !v.equals("15"));
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "{0}")
    @MethodSource("versions")
    void readAsOnTheBundledServer(String version) {
        Schema old = read(version);
        Schema bundled = read("15");
        QualifiedName t = QualifiedName.of("public", "t");
        assertEquals(List.of("ALTER COLUMN \"v\" SET STATISTICS 500", "CLUSTER ON \"t_v\"", "REPLICA IDENTITY FULL"),
                table(bundled, t).settings());
        assertEquals(table(bundled, t).settings(), table(old, t).settings());
        assertEquals("the key", key(bundled).indexComment());
        assertEquals(key(bundled).indexComment(), key(old).indexComment());
        assertEquals(aggregate(bundled), aggregate(old));
        assertTrue(bundled.unmodelled().contains("rule no_delete on public.t"), bundled.unmodelled().toString());
        assertEquals(bundled.unmodelled(), old.unmodelled());
    }

    private static Schema read(String version) {
        TestDatabase db = PostgresVersions.newDatabase(version, "diff_catalog");
        db.execute(SCRIPT);
        return CatalogReader.read(db.spec());
    }

    private static Table table(Schema schema, QualifiedName name) {
        return schema.tables().values().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static Constraint key(Schema schema) {
        return schema.constraints().values().stream().filter(c -> c.name().equals("t_pkey")).findFirst()
                .orElseThrow();
    }

    private static String aggregate(Schema schema) {
        return schema.functions().values().stream().filter(f -> f.kind() == FunctionKind.AGGREGATE)
                .map(Function::definition).findFirst().orElseThrow();
    }
}
