package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CKAN pack end to end, as real processes: a generated legacy catalog, the bundled modules in
 * one {@code migrate}, then {@code verify} against the bundled CKAN 2.8 schema.
 */
@ExtendWith(PostgresExtension.class)
class CkanPackCliTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedLegacyCatalogUpgradedByThePackHasTheCkan28Schema(TestDatabase db) throws Exception {
        assertEquals(0, FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "100",
                "--harvest-shape", "pre-v2").exitCode());

        FerryProcess.Result before = FerryProcess.run(dir, "verify", "--db", db.url(), "--model", "builtin:ckan-2.8");
        assertEquals(3, before.exitCode(), before.all());
        assertTrue(before.out().contains("DROP TABLE \"public\".\"resource_group\""), before.out());

        FerryProcess.Result migrate = FerryProcess.run(dir, "migrate", "--db", db.url(), "--migrations", "builtin:ckan");
        assertEquals(0, migrate.exitCode(), migrate.all());
        assertTrue(migrate.out().contains("core at 86, dgu at 16, harvest at 6"), migrate.out());

        FerryProcess.Result verify = FerryProcess.run(dir, "verify", "--db", db.url(), "--model", "builtin:ckan-2.8");
        assertEquals(0, verify.exitCode(), verify.all());
        assertEquals("The schema matches the model.", verify.out().strip());
    }

    @Test
    void anUnknownBuiltinSchemaIsOneLine(TestDatabase db) throws Exception {
        FerryProcess.Result r = FerryProcess.run(dir, "verify", "--db", db.url(), "--model", "builtin:ckan-9.9");
        assertEquals(1, r.exitCode(), r.all());
        assertEquals("ferry: no built-in schema 'ckan-9.9' (bundled: builtin:legacy, builtin:ckan-2.8, builtin:ckan-2.9, builtin:ckan-2.11)", r.err().strip());
    }
}
