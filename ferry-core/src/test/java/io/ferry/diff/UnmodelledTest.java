package io.ferry.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.schema.read.CatalogReader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the model leaves out is never passed over in silence: the diff names each such object. */
@ExtendWith(PostgresExtension.class)
class UnmodelledTest {
    @Test
    void everyObjectTheModelLeavesOutIsNamedInAWarning() {
        TestDatabase a = ApplyAndRediff.load("""
                CREATE TABLE t (id integer PRIMARY KEY, n integer);
                CREATE TABLE u (id integer);
                """, "unmodelled_a");
        TestDatabase b = ApplyAndRediff.load("""
                CREATE TABLE t (id integer PRIMARY KEY, n integer);
                CREATE TABLE u (id integer);
                CREATE RULE no_delete AS ON DELETE TO u DO INSTEAD NOTHING;
                CREATE STATISTICS t_stats ON id, n FROM t;
                """, "unmodelled_b");
        Diff diff = SchemaDiff.between(CatalogReader.read(a.spec()), CatalogReader.read(b.spec()), DiffOptions.defaults());
        String prefix = "not compared (Ferry does not model it): ";
        assertEquals(List.of(prefix + "rule no_delete on public.u (in B only)",
                prefix + "statistics object public.t_stats (in B only)"), diff.warnings());
        assertEquals(List.of(), SchemaDiff.between(CatalogReader.read(a.spec()), CatalogReader.read(a.spec()),
                DiffOptions.defaults()).warnings());
    }
}
