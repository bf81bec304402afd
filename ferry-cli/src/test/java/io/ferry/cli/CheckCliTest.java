package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ferry check: the migration developer's loop (schema, rows, migrations, assertions, model) in one command. */
@ExtendWith(PostgresExtension.class)
class CheckCliTest {
    @TempDir
    Path dir;

    private Path file(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private FerryProcess.Result check(String... args) {
        return FerryProcess.run(dir, args);
    }

    @Test
    void theCkanPackTakesTheLegacyCatalogToCkan211() throws Exception {
        FerryProcess.Result r = check("check", "--migrations", "builtin:ckan", "--from", "builtin:legacy", "--model",
                "builtin:ckan-2.11");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("  core 74  remove resource groups  (3 assertions held)"), r.out());
        // dgu 16, core 072-105 (34), harvest 8, activity 3, tracking 1
        assertTrue(r.out().contains("Applied 62 migrations"), r.out());
        assertTrue(r.out().endsWith("The migrated schema is the model's.\n"), r.out());
    }

    @Test
    void aMigrationThatFallsShortOfTheModelPrintsTheFix() throws Exception {
        file("base.sql", "CREATE TABLE resource (id text PRIMARY KEY, url text);\n");
        file("model.sql", "CREATE TABLE resource (id text PRIMARY KEY, url text, hash text);\n"
                + "CREATE INDEX resource_url ON resource (url);\n");
        file("migrations/core/001_hash.sql", "ALTER TABLE resource ADD COLUMN hash text;\n");
        FerryProcess.Result r = check("check", "--migrations", dir.resolve("migrations").toString(), "--from",
                dir.resolve("base.sql").toString(), "--model", dir.resolve("model.sql").toString());
        assertEquals(3, r.exitCode(), r.all());
        assertTrue(r.out().contains("CREATE INDEX resource_url ON public.resource USING btree (url)"), r.out());
        assertEquals("ferry: the migrated schema differs from the model (1 change to fix it, printed above)\n", r.err());

        file("migrations/core/002_url_index.sql", "CREATE INDEX resource_url ON resource (url);\n");
        FerryProcess.Result fixed = check("check", "--migrations", dir.resolve("migrations").toString(), "--from",
                dir.resolve("base.sql").toString(), "--model", dir.resolve("model.sql").toString());
        assertEquals(0, fixed.exitCode(), fixed.all());
    }

    @Test
    void fixtureRowsMeetTheAssertionsAndAFailedOneStopsTheCheck() throws Exception {
        file("base.sql", "CREATE TABLE tag (id int PRIMARY KEY, name text);\n");
        file("rows.sql", "INSERT INTO tag SELECT g, CASE WHEN g % 2 = 0 THEN 'keep' ELSE 'old' END "
                + "FROM generate_series(1, 10) g;\n");
        file("model.sql", "CREATE TABLE tag (id int PRIMARY KEY, name text);\n");
        // Meant to remove the five old tags; the WHERE clause is wrong and removes them all.
        file("migrations/core/001_drop_old_tags.sql", "-- ferry:capture tags: SELECT count(*) FROM tag\n"
                + "DELETE FROM tag WHERE name <> '';\n"
                + "-- ferry:assert SELECT :tags - 5 = (SELECT count(*) FROM tag)\n");
        String[] args = {"check", "--migrations", dir.resolve("migrations").toString(), "--from",
                dir.resolve("base.sql").toString(), "--data", dir.resolve("rows.sql").toString(), "--model",
                dir.resolve("model.sql").toString()};
        FerryProcess.Result r = check(args);
        assertEquals(4, r.exitCode(), r.all());
        assertTrue(r.err().contains("SELECT :tags - 5 = (SELECT count(*) FROM tag)"), r.err());
        assertTrue(r.err().contains("tags=10"), r.err());

        file("migrations/core/001_drop_old_tags.sql", "-- ferry:capture tags: SELECT count(*) FROM tag\n"
                + "DELETE FROM tag WHERE name = 'old';\n"
                + "-- ferry:assert SELECT :tags - 5 = (SELECT count(*) FROM tag)\n");
        FerryProcess.Result fixed = check(args);
        assertEquals(0, fixed.exitCode(), fixed.all());
        assertTrue(fixed.out().contains("  data: " + dir.resolve("rows.sql") + " (1 statement)"), fixed.out());
        assertTrue(fixed.out().contains("core 1  drop old tags  (1 assertion held)"), fixed.out());
    }

    @Test
    void keepLeavesTheDatabaseOnTheEmbeddedServerAndAGivenDatabaseMustBeEmpty(TestDatabase full) throws Exception {
        file("model.sql", "CREATE TABLE a (id int);\n");
        file("migrations/core/001_a.sql", "CREATE TABLE a (id int);\n");
        FerryProcess.Result kept = FerryProcess.run(dir, "check", "--migrations", dir.resolve("migrations").toString(),
                "--model", dir.resolve("model.sql").toString(), "--keep");
        assertEquals(0, kept.exitCode(), kept.all());
        String name = kept.out().lines().filter(l -> l.startsWith("Kept as embedded:")).findFirst().orElseThrow()
                .replaceAll("Kept as embedded:(\\S+).*", "$1");
        FerryProcess.Result status = FerryProcess.run(dir, "status", "--db", "embedded:" + name);
        assertEquals(0, status.exitCode(), status.all());
        assertTrue(status.out().lines().anyMatch(l -> l.matches("core\\s+1\\s+1\\s+0\\s*")), status.out());

        full.execute("CREATE TABLE somebody_elses (id int)");
        FerryProcess.Result refused = check("check", "--migrations", dir.resolve("migrations").toString(), "--model",
                dir.resolve("model.sql").toString(), "--db", full.url());
        assertEquals(3, refused.exitCode(), refused.all());
        assertTrue(refused.err().startsWith("ferry: ferry check needs an empty database, but "), refused.err());
    }
}
