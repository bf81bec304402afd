package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.sql.ScriptReader;
import io.ferry.sql.SqlStatement;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ferry diff, verify and new as a user runs them: exit codes, what goes to stdout and stderr. */
@ExtendWith(PostgresExtension.class)
class DiffCliTest {
    @TempDir
    Path dir;

    private static String fixture(String name, String file) throws Exception {
        try (InputStream in = DiffCliTest.class.getResourceAsStream("/diff-fixtures/" + name + "/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs a script statement by statement in autocommit, as psql does. */
    private static void run(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            for (SqlStatement statement : ScriptReader.statements(sql)) {
                st.execute(statement.sql());
            }
        }
    }

    private static Path resource(String name) throws Exception {
        return Path.of(DiffCliTest.class.getResource(name).toURI());
    }

    @Test
    void diffPrintsOnlySqlAndExitsThreeOrZero(TestDatabase a, TestDatabase b) throws Exception {
        run(a, "CREATE TABLE t (id integer PRIMARY KEY, name text)");
        run(b, "CREATE TABLE t (id integer PRIMARY KEY, name text, \"Mixed\"\"Case\" integer DEFAULT 1)");
        FerryProcess.Result diff = FerryProcess.run(dir, "diff", a.url(), b.url());
        assertEquals(3, diff.exitCode(), diff.all());
        assertTrue(diff.out().startsWith("SET check_function_bodies = false;\nBEGIN;"), diff.out());
        assertTrue(diff.out().contains("ALTER TABLE \"public\".\"t\" ADD COLUMN \"Mixed\"\"Case\" integer DEFAULT 1;"),
                diff.out());
        assertFalse(diff.out().contains("ferry:"), "logs stay on stderr: " + diff.out());
        run(a, diff.out());
        FerryProcess.Result same = FerryProcess.run(dir, "diff", a.url(), b.url());
        assertEquals(0, same.exitCode(), same.all());
        assertEquals("", same.out());
    }

    @Test
    void oneDatabaseNamedTwoWaysIsComparedWithItselfWithAWarning(TestDatabase a, TestDatabase b) throws Exception {
        run(a, "CREATE TABLE t (id integer)");
        String other = a.url().replace("localhost", "127.0.0.1");
        FerryProcess.Result same = FerryProcess.run(dir, "diff", a.url(), other);
        assertEquals(0, same.exitCode(), same.all());
        assertTrue(same.err().contains("are the same database; it is compared with itself"), same.all());
        FerryProcess.Result two = FerryProcess.run(dir, "diff", "--unsafe", a.url(), b.url());
        assertEquals(3, two.exitCode(), two.all());
        assertFalse(two.err().contains("compared with itself"), two.all());
    }

    @Test
    void aTypeChangeWithoutACastIsRefusedInOneLine(TestDatabase a, TestDatabase b) throws Exception {
        run(a, "CREATE TABLE t (id integer, at bigint)");
        run(b, "CREATE TABLE t (id integer, at timestamp)");
        FerryProcess.Result refused = FerryProcess.run(dir, "diff", "--unsafe", a.url(), b.url());
        assertEquals(3, refused.exitCode(), refused.all());
        assertEquals("", refused.out());
        assertEquals("ferry: column \"public\".\"t\".\"at\" cannot change from bigint to timestamp without time zone:"
                + " PostgreSQL has no cast between them; write that change by hand (ALTER TABLE \"public\".\"t\""
                + " ALTER COLUMN \"at\" TYPE timestamp without time zone USING <expression>) or rename the column"
                + " (--rename) and add the new one", refused.err().strip());
    }

    @Test
    void whatIsNotModelledIsNamedOnStandardError(TestDatabase a, TestDatabase b) throws Exception {
        run(a, "CREATE TABLE t (id integer)");
        run(b, "CREATE TABLE t (id integer); CREATE RULE keep AS ON DELETE TO t DO INSTEAD NOTHING");
        FerryProcess.Result same = FerryProcess.run(dir, "diff", a.url(), b.url());
        assertEquals(0, same.exitCode(), same.all());
        assertEquals("", same.out());
        assertTrue(same.err().contains("ferry: warning: not compared (Ferry does not model it): rule keep on public.t"
                + " (in B only)"), same.err());
    }

    @Test
    void destructiveChangesAreRefusedWithoutUnsafe(TestDatabase a, TestDatabase b) throws Exception {
        run(a, "CREATE TABLE t (id integer, gone text); CREATE TABLE old (x int)");
        run(b, "CREATE TABLE t (id integer)");
        FerryProcess.Result refused = FerryProcess.run(dir, "diff", a.url(), b.url());
        assertEquals(6, refused.exitCode(), refused.all());
        assertEquals("", refused.out());
        assertTrue(refused.err().contains("DROP TABLE \"public\".\"old\";")
                && refused.err().contains("DROP COLUMN \"gone\";"), refused.err());
        FerryProcess.Result unsafe = FerryProcess.run(dir, "diff", "--unsafe", a.url(), b.url());
        assertEquals(3, unsafe.exitCode(), unsafe.all());
        assertTrue(unsafe.out().contains("DROP TABLE \"public\".\"old\";"), unsafe.out());
    }

    @Test
    void jsonListsHazardsPerStatement(TestDatabase a, TestDatabase b) throws Exception {
        run(a, "CREATE TABLE t (id integer, v bigint)");
        run(b, "CREATE TABLE t (id bigint, v integer); CREATE INDEX t_v ON t (v)");
        FerryProcess.Result json = FerryProcess.run(dir, "diff", "--json", "--unsafe", a.url(), b.url());
        assertEquals(3, json.exitCode(), json.all());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertTrue(root.path("differences").asBoolean(), json.out());
        Map<String, List<String>> hazards = new HashMap<>();
        List<String> objects = new ArrayList<>();
        for (JsonNode change : root.path("changes")) {
            objects.add(change.path("kind").asText() + " " + change.path("objectKind").asText() + " "
                    + change.path("object").asText());
            for (JsonNode statement : change.path("statements")) {
                List<String> list = new ArrayList<>();
                statement.path("hazards").forEach(h -> list.add(h.asText()));
                hazards.put(statement.path("sql").asText(), list);
            }
        }
        assertEquals(List.of("table_rewrite", "access_exclusive"),
                hazards.get("ALTER TABLE \"public\".\"t\" ALTER COLUMN \"id\" TYPE bigint USING \"id\"::bigint"), json.out());
        assertEquals(List.of("destructive", "table_rewrite", "access_exclusive"),
                hazards.get("ALTER TABLE \"public\".\"t\" ALTER COLUMN \"v\" TYPE integer USING \"v\"::integer"), json.out());
        assertTrue(objects.stream().anyMatch(o -> o.startsWith("create index ")), objects.toString());

        // Under a Turkish locale, "INDEX".toLowerCase() is "ındex" (dotless i): the JSON must not change.
        FerryProcess.Result turkish = FerryProcess.runIn(dir, List.of("-Duser.language=tr", "-Duser.country=TR"),
                "diff", "--json", "--unsafe", a.url(), b.url());
        assertEquals(3, turkish.exitCode(), turkish.all());
        assertEquals(root, new ObjectMapper().readTree(turkish.out()));
    }

    @Test
    void renameInsteadOfDropAndAdd(TestDatabase a, TestDatabase b) throws Exception {
        run(a, "CREATE TABLE person (id integer, fullname text)");
        run(b, "CREATE TABLE people (id integer, name text)");
        FerryProcess.Result diff = FerryProcess.run(dir, "diff", a.url(), b.url(), "--rename", "table:person=people",
                "--rename", "column:people.fullname=name");
        assertEquals(3, diff.exitCode(), diff.all());
        assertEquals("SET check_function_bodies = false;\nBEGIN;\n\n"
                + "ALTER TABLE \"public\".\"person\" RENAME TO \"people\";\n\n"
                + "ALTER TABLE \"public\".\"people\" RENAME COLUMN \"fullname\" TO \"name\";\n\nCOMMIT;\n", diff.out());
    }

    @Test
    void pgDumpFilesWithRestrictLinesAreDiffed(TestDatabase a) throws Exception {
        Path dumpA = resource("/dumps/a.sql");
        Path dumpB = resource("/dumps/b.sql.gz");
        assertTrue(Files.readString(dumpA).contains("\\restrict "), "the dump comes from pg_dump 15.14+");
        FerryProcess.Result diff = FerryProcess.run(dir, "diff", "--unsafe", dumpA.toString(), dumpB.toString());
        assertEquals(3, diff.exitCode(), diff.all());
        assertTrue(diff.out().contains("ALTER TYPE \"public\".\"status\" RENAME TO \"status__old\""), diff.out());

        run(a, "SET check_function_bodies = off;" + fixture("enum_value_removal", "a.sql")
                + fixture("function_in_default_and_check", "a.sql"));
        FerryProcess.Result live = FerryProcess.run(dir, "diff", "--unsafe", a.url(), dumpB.toString());
        assertEquals(3, live.exitCode(), live.all());
        run(a, live.out());
        FerryProcess.Result verify = FerryProcess.run(dir, "verify", "--db", a.url(), "--model", dumpB.toString());
        assertEquals(0, verify.exitCode(), verify.all());
    }

    @Test
    void verifyPrintsTheFix(TestDatabase db, TestDatabase model) throws Exception {
        run(db, "CREATE TABLE t (id integer)");
        run(model, "CREATE TABLE t (id integer NOT NULL)");
        FerryProcess.Result verify = FerryProcess.run(dir, "verify", "--db", db.url(), "--model", model.url());
        assertEquals(3, verify.exitCode(), verify.all());
        assertTrue(verify.out().contains("ALTER TABLE \"public\".\"t\" ALTER COLUMN \"id\" SET NOT NULL;"), verify.out());
    }

    @Test
    void newWritesTheNextMigrationWithRowChecks(TestDatabase db, TestDatabase model) throws Exception {
        run(db, "CREATE TABLE t (id integer, v integer); INSERT INTO t VALUES (1, 2), (3, 4)");
        run(model, "CREATE TABLE t (id bigint, v integer, w text)");
        Path core = dir.resolve("migrations").resolve("core");
        Files.createDirectories(core);
        Files.writeString(core.resolve("0041_x.sql"), "SELECT 1;");
        Files.writeString(core.resolve("0009_y.sql"), "SELECT 1;");
        FerryProcess.Result made = FerryProcess.run(dir, "new", "--migrations", dir.resolve("migrations").toString(),
                "--module", "core", "--db", db.url(), "--model", model.url(), "Widen the id", "column");
        assertEquals(0, made.exitCode(), made.all());
        Path file = core.resolve("0042_widen_the_id_column.sql");
        String sql = Files.readString(file);
        assertTrue(sql.contains("-- ferry:capture rows_1: SELECT count(*) FROM \"public\".\"t\"")
                && sql.contains("-- ferry:assert SELECT :rows_1 = (SELECT count(*) FROM \"public\".\"t\")"), sql);
        Files.delete(core.resolve("0041_x.sql"));
        Files.delete(core.resolve("0009_y.sql"));
        Files.move(file, core.resolve("001_widen.sql"));
        FerryProcess.Result migrate = FerryProcess.run(dir, "migrate", "--db", db.url(), "--migrations",
                dir.resolve("migrations").toString());
        assertEquals(0, migrate.exitCode(), migrate.all());
        FerryProcess.Result verify = FerryProcess.run(dir, "verify", "--db", db.url(), "--model", model.url());
        assertEquals(0, verify.exitCode(), verify.all());
        assertEquals(List.of("001_widen.sql"), Files.list(core).map(p -> p.getFileName().toString()).toList());
    }
}
