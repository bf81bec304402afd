package io.ferry.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.diff.Diff;
import io.ferry.diff.DiffOptions;
import io.ferry.diff.SchemaDiff;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.Function;
import io.ferry.schema.model.FunctionKind;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.Trigger;
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

    /** Row triggers on partitioned tables (11 on) and foreign keys between them (12 on). */
    private static final String PARTITIONED = """
            CREATE TABLE m (id integer, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE m_2025 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE n (id integer, m_id integer, m_at date, FOREIGN KEY (m_id, m_at) REFERENCES m)
                PARTITION BY LIST (id);
            CREATE TABLE n_1 PARTITION OF n FOR VALUES IN (1);
            CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
            CREATE TRIGGER stamped AFTER UPDATE ON m FOR EACH ROW EXECUTE PROCEDURE stamp();
            CREATE TRIGGER own AFTER INSERT ON m_2025 FOR EACH ROW EXECUTE PROCEDURE stamp();
            ALTER TABLE m_2025 DISABLE TRIGGER own;
            CREATE TABLE m_2026 (id integer NOT NULL, at date NOT NULL);
            ALTER TABLE m ATTACH PARTITION m_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            """;

    /**
     * Versions with partitioned tables' triggers: 11 and 12 mark a partition's copy internal and tie it
     * to its parent only in pg_depend ({@code triggers.sql}), 13 on has {@code tgparentid}
     * ({@code triggers.pg13.sql}). By default 12 and 17.
     */
    static Stream<String> partitionedVersions() {
        return PostgresVersions.selected(PostgresVersions.SOURCES, List.of("12", "17")).stream()
                .filter(v -> !v.equals("15") && !v.equals("9.6") && !v.equals("10"));
    }

    /**
     * A partitioned table's trigger and its copies on the partitions (made with the partition, or
     * when a table is attached) read as on the bundled server: the copies as inherited, the
     * foreign keys' internal triggers not at all.
     */
    @ParameterizedTest(allowZeroInvocations = true, name = "{0}")
    @MethodSource("partitionedVersions")
    void partitionedTablesTriggersReadAsOnTheBundledServer(String version) {
        Schema old = read(version, PARTITIONED);
        Schema bundled = read("15", PARTITIONED);
        assertEquals(List.of("\"public\".\"m\".\"stamped\" ENABLED own",
                "\"public\".\"m_2025\".\"own\" DISABLED own", "\"public\".\"m_2025\".\"stamped\" ENABLED inherited",
                "\"public\".\"m_2026\".\"stamped\" ENABLED inherited"), triggers(bundled));
        assertEquals(triggers(bundled), triggers(old));
        assertEquals(bundled.triggers().values().stream().map(Trigger::definition).toList(),
                old.triggers().values().stream().map(Trigger::definition).toList());
        Diff diff = SchemaDiff.between(old, bundled, DiffOptions.defaults());
        assertTrue(diff.isEmpty(), diff.script());
    }

    private static List<String> triggers(Schema schema) {
        return schema.triggers().values().stream()
                .map(t -> t.ref().key() + " " + t.state() + (t.inherited() ? " inherited" : " own")).toList();
    }

    private static Schema read(String version) {
        return read(version, SCRIPT);
    }

    private static Schema read(String version, String script) {
        TestDatabase db = PostgresVersions.newDatabase(version, "diff_catalog");
        db.execute(script);
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
