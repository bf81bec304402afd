package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sql.ScriptRunner;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CKAN pack end to end, as real processes: a generated legacy catalog, the bundled modules in
 * one {@code migrate}, then {@code verify} against the bundled CKAN 2.8 schema; the CKAN 2.11 schema is
 * bundled too.
 */
@ExtendWith(PostgresExtension.class)
class CkanPackCliTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedLegacyCatalogUpgradedByThePackHasTheCkan211Schema(TestDatabase db) throws Exception {
        assertEquals(0, FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "100",
                "--harvest-shape", "pre-v2").exitCode());

        FerryProcess.Result before = FerryProcess.run(dir, "verify", "--db", db.url(), "--model", "builtin:ckan-2.11");
        assertEquals(3, before.exitCode(), before.all());
        assertTrue(before.out().contains("DROP TABLE \"public\".\"resource_group\""), before.out());

        FerryProcess.Result migrate = FerryProcess.run(dir, "migrate", "--db", db.url(), "--migrations", "builtin:ckan");
        assertEquals(0, migrate.exitCode(), migrate.all());
        assertTrue(migrate.out().contains("activity at 3, core at 105, dgu at 16, harvest at 8, tracking at 1"), migrate.out());

        FerryProcess.Result verify = FerryProcess.run(dir, "verify", "--db", db.url(), "--model", "builtin:ckan-2.11");
        assertEquals(0, verify.exitCode(), verify.all());
        assertEquals("The schema matches the model.", verify.out().strip());
    }

    @Test
    void theCkan211SchemaIsBundledAsBuiltinCkan211(TestDatabase db) throws Exception {
        try (Reader in = new InputStreamReader(CkanPackCliTest.class.getClassLoader()
                .getResourceAsStream("ferry/schemas/ckan-2.11.sql"), StandardCharsets.UTF_8); Connection c = db.open()) {
            new ScriptRunner(c, "ckan-2.11.sql").run(in);
        }
        FerryProcess.Result same = FerryProcess.run(dir, "verify", "--db", db.url(), "--model", "builtin:ckan-2.11");
        assertEquals(0, same.exitCode(), same.all());

        db.execute("DROP INDEX idx_view_resource_id");
        FerryProcess.Result missing = FerryProcess.run(dir, "verify", "--db", db.url(), "--model", "builtin:ckan-2.11");
        assertEquals(3, missing.exitCode(), missing.all());
        assertTrue(missing.out().contains("idx_view_resource_id"), missing.out());
    }

    @Test
    void anUnknownBuiltinSchemaIsOneLine(TestDatabase db) throws Exception {
        FerryProcess.Result r = FerryProcess.run(dir, "verify", "--db", db.url(), "--model", "builtin:ckan-9.9");
        assertEquals(1, r.exitCode(), r.all());
        assertEquals("ferry: no built-in schema 'ckan-9.9' (bundled: builtin:legacy, builtin:ckan-2.8, builtin:ckan-2.9, builtin:ckan-2.11)", r.err().strip());
    }
}
