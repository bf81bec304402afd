package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry ckan generate --datastore}, {@code ferry ckan datastore check} and the plan step
 * {@code datastore-check}, as real processes: a small catalog and DataStore generated, checked clean
 * (exit 0), then a table dropped and named (exit 3) by the command and by a plan.
 */
@ExtendWith(PostgresExtension.class)
class CkanDataStoreCliTest {
    @TempDir
    Path dir;

    @Test
    void generatesADataStoreThatTheCheckFindsCleanUntilATableIsDropped(TestDatabase catalog) throws Exception {
        TestDatabase datastore = PostgresExtension.newDatabase("cli_datastore");
        String[] roles = {"--write-role", "cli_ds_writer", "--read-role", "cli_ds_reader"};
        FerryProcess.Result generated = FerryProcess.run(dir, "ckan", "generate", "--db", catalog.url(), "--datasets",
                "80", "--datastore", datastore.url(), "--datastore-tables", "6", "--datastore-large-rows", "50",
                "--datastore-write-role", "cli_ds_writer", "--datastore-read-role", "cli_ds_reader");
        assertEquals(0, generated.exitCode(), generated.all());
        assertTrue(generated.out().contains("Generated a DataStore of 6 tables"), generated.out());

        FerryProcess.Result clean = FerryProcess.run(dir, "ckan", "datastore", "check", "--db", catalog.url(),
                "--datastore", datastore.url(), roles[0], roles[1], roles[2], roles[3], "--json");
        assertEquals(0, clean.exitCode(), clean.all());
        JsonNode json = new ObjectMapper().readTree(clean.out());
        assertEquals(6, json.get("tables").asInt());
        assertEquals(6, json.get("datastore_active").asInt());
        assertEquals(0, json.get("problems").asInt());
        assertEquals(datastore.url(), json.get("datastore").asText());

        String table = datastore.queryString("SELECT min(relname COLLATE \"C\") FROM pg_class "
                + "WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'");
        datastore.execute("DROP TABLE \"" + table + "\" CASCADE");
        FerryProcess.Result missing = FerryProcess.run(dir, "ckan", "datastore", "check", "--db", catalog.url(),
                "--datastore", datastore.url(), roles[0], roles[1], roles[2], roles[3]);
        assertEquals(3, missing.exitCode(), missing.all());
        String text = missing.out().replaceAll(" +", " ");
        assertTrue(text.contains(" FAIL missing-table resources marked datastore_active without a table: 1\n " + table
                + " no table"), missing.out());
        assertTrue(missing.out().strip().endsWith("1 problem in 1 of 7 checks."), missing.out());

        // A site's config names the DataStore and, through its URLs' users, both roles.
        Path ini = dir.resolve("ckan.ini");
        Files.writeString(ini, "[app:main]\nsqlalchemy.url = " + sqlalchemy(catalog.url(), "postgres")
                + "\nckan.datastore.write_url = " + sqlalchemy(datastore.url(), "cli_ds_writer")
                + "\nckan.datastore.read_url = " + sqlalchemy(datastore.url(), "cli_ds_reader") + "\n");
        FerryProcess.Result site = FerryProcess.run(dir, "ckan", "datastore", "check", "-c", ini.toString());
        assertEquals(3, site.exitCode(), site.all());
        assertTrue(site.out().contains("(write role cli_ds_writer, read role cli_ds_reader)"), site.out());
        assertTrue(site.out().replaceAll(" +", " ").contains(" FAIL missing-table "), site.out());

        Path plan = dir.resolve("datastore.yaml");
        Files.writeString(plan, """
                plan: datastore
                connections:
                  target: ${FERRY_TEST_TARGET}
                  datastore: ${FERRY_TEST_DATASTORE}
                steps:
                  - {name: datastore, kind: datastore-check, datastore: datastore, write_role: cli_ds_writer,
                     read_role: cli_ds_reader}
                """);
        FerryProcess.Result run = FerryProcess.run(dir, "run", plan.toString(), "--set", "target=" + catalog.url(),
                "--set", "datastore=" + datastore.url());
        assertEquals(3, run.exitCode(), run.all());
        assertTrue(run.err().contains("the DataStore datastore and the catalog target disagree, listed above: "
                + "missing-table 1"), run.err());
    }

    /** The test server's URL as ckan.ini writes it, connecting as {@code user}. */
    private static String sqlalchemy(String url, String user) {
        return url.replace("postgres://postgres@", "postgresql://" + user + "@");
    }

    @Test
    void theDataStoreOptionsNeedADataStoreAndAPlanStepNeedsItsConnection(TestDatabase db) throws Exception {
        FerryProcess.Result r = FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "10",
                "--datastore-tables", "5");
        assertEquals(2, r.exitCode(), r.all());
        assertEquals("ferry: the --datastore-... options need --datastore URL", r.err().strip());
        assertEquals(0L, db.queryLong("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"));
        FerryProcess.Result same = FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "10",
                "--datastore", db.url());
        assertEquals(2, same.exitCode(), same.all());
        assertEquals("ferry: --datastore names the catalog's own database; the DataStore is a database of its own",
                same.err().strip());
        assertEquals(0L, db.queryLong("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"));

        Path plan = dir.resolve("p.yaml");
        Files.writeString(plan, "plan: p\nconnections:\n  target: " + db.url() + "\nsteps:\n"
                + "  - {name: ds, kind: datastore-check}\n");
        FerryProcess.Result step = FerryProcess.run(dir, "run", plan.toString());
        assertEquals(3, step.exitCode(), step.all());
        assertTrue(step.err().contains("needs datastore (a connection name)"), step.err());
    }
}
