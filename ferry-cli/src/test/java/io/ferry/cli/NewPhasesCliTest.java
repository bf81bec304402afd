package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ferry new writes a migration in phases (renames, additive changes, the data move, new constraints,
 * drops), and ferry check runs it on fixture rows: the move keeps the data, a placeholder stops the
 * check until it is written, rename candidates are named rather than guessed.
 */
@ExtendWith(PostgresExtension.class)
class NewPhasesCliTest {
    /** CKAN before 074: a resource reaches its dataset through its resource group. */
    private static final String OLD = """
            CREATE TABLE package (id text PRIMARY KEY, name text NOT NULL);
            CREATE TABLE resource_group (id text PRIMARY KEY, package_id text REFERENCES package (id));
            CREATE TABLE resource (id text PRIMARY KEY, resource_group_id text REFERENCES resource_group (id), url text);
            """;
    /** CKAN after 074: the resource names its dataset itself. */
    private static final String MODEL = """
            CREATE TABLE package (id text PRIMARY KEY, name text NOT NULL);
            CREATE TABLE resource (id text PRIMARY KEY, url text, package_id text NOT NULL REFERENCES package (id));
            CREATE INDEX idx_resource_package_id ON resource (package_id);
            """;
    /** Three datasets, five groups (two datasets with two groups), twelve resources. */
    private static final String ROWS = """
            INSERT INTO package SELECT 'p' || g, 'dataset-' || g FROM generate_series(1, 3) g;
            INSERT INTO resource_group SELECT 'g' || g, 'p' || (g % 3 + 1) FROM generate_series(1, 5) g;
            INSERT INTO resource SELECT 'r' || g, 'g' || (g % 5 + 1), 'http://example.org/' || g FROM generate_series(1, 12) g;
            """;

    @TempDir
    Path dir;

    private Path file(String relative, String content) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private FerryProcess.Result ferry(String... args) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run" + System.nanoTime()));
        int code = FerryBatch.run(run, args);
        return new FerryProcess.Result(code, Files.readString(run.resolve("out")), Files.readString(run.resolve("err")));
    }

    private FerryProcess.Result newMigration(TestDatabase db, TestDatabase model, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("new", "--migrations", dir.resolve("migrations").toString(),
                "--module", "core", "--db", db.url(), "--model", model.url()));
        args.addAll(List.of(more));
        return ferry(args.toArray(String[]::new));
    }

    private FerryProcess.Result check(TestDatabase scratch, String model) throws Exception {
        return ferry("check", "--migrations", dir.resolve("migrations").toString(), "--module", "core", "--from",
                dir.resolve("base.sql").toString(), "--data", dir.resolve("rows.sql").toString(), "--model", model,
                "--db", scratch.url());
    }

    /** Each row of a two-column query as "a=b", in order. */
    private static List<String> pairs(TestDatabase db, String sql) throws Exception {
        List<String> pairs = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                pairs.add(rs.getString(1) + "=" + rs.getString(2));
            }
        }
        return pairs;
    }

    /** The text between one phase's comment and the next's. */
    private static String phase(String sql, int n) {
        int start = sql.indexOf("\n-- Phase " + n + ":");
        int end = sql.indexOf("\n-- Phase " + (n + 1) + ":");
        assertTrue(start >= 0, sql);
        return sql.substring(start, end < 0 ? sql.length() : end);
    }

    @Test
    void the074ShapedChangeCarriesEveryResourcesDatasetAcross(TestDatabase db, TestDatabase model, TestDatabase checked,
                                                               TestDatabase old) throws Exception {
        db.execute(OLD);
        model.execute(MODEL);
        file("base.sql", OLD);
        file("rows.sql", ROWS);
        FerryProcess.Result made = newMigration(db, model, "--unsafe", "remove resource groups");
        assertEquals(0, made.exitCode(), made.all());
        assertTrue(made.out().contains("(7 changes, in five phases)"), made.out());
        assertTrue(made.out().contains("  data move: \"public\".\"resource\".\"package_id\" from "
                + "\"public\".\"resource\".\"resource_group_id\" -> \"public\".\"resource_group\".\"package_id\" "
                + "(\"public\".\"package\".\"id\")"), made.out());
        String sql = Files.readString(dir.resolve("migrations/core/001_remove_resource_groups.sql"));

        // resource_group_id and package_id are both text, but they reference different tables: no rename candidate.
        assertTrue(phase(sql, 1).contains("-- (none)"), sql);
        assertTrue(phase(sql, 2).contains("DROP CONSTRAINT \"resource_resource_group_id_fkey\";")
                && phase(sql, 2).contains("ALTER TABLE \"public\".\"resource\" ADD COLUMN \"package_id\" text;"), sql);
        assertTrue(phase(sql, 3).contains("UPDATE \"public\".\"resource\" AS \"t\"\nSET \"package_id\" = \"j1\".\"package_id\"\n"
                + "FROM \"public\".\"resource_group\" AS \"j1\"\nWHERE \"j1\".\"id\" = \"t\".\"resource_group_id\";"), sql);
        assertTrue(phase(sql, 4).contains("ALTER TABLE \"public\".\"resource\" ALTER COLUMN \"package_id\" SET NOT NULL;")
                && phase(sql, 4).contains("FOREIGN KEY (package_id) REFERENCES public.package(id)")
                && phase(sql, 4).contains("CREATE INDEX idx_resource_package_id"), sql);
        assertTrue(phase(sql, 5).contains("DROP TABLE \"public\".\"resource_group\";")
                && phase(sql, 5).contains("DROP COLUMN \"resource_group_id\";"), sql);
        assertTrue(sql.contains("-- ferry:capture moved_1: SELECT count(*) FROM \"public\".\"resource\" AS \"t\", "
                + "\"public\".\"resource_group\" AS \"j1\" WHERE \"j1\".\"id\" = \"t\".\"resource_group_id\" AND "
                + "\"j1\".\"package_id\" IS NOT NULL\n"), sql);
        assertTrue(sql.contains("-- ferry:assert SELECT count(*) = :moved_1 FROM \"public\".\"resource\" WHERE "
                + "\"package_id\" IS NOT NULL\n"), sql);
        assertTrue(sql.contains("-- ferry:capture dropped_1: SELECT count(*) FROM \"public\".\"resource_group\"\n")
                && sql.contains("-- ferry:capture dropped_2: SELECT count(\"resource_group_id\") FROM \"public\".\"resource\"\n"), sql);

        FerryProcess.Result checkedRun = check(checked, model.url());
        assertEquals(0, checkedRun.exitCode(), checkedRun.all());
        assertTrue(checkedRun.out().contains("core 1  remove resource groups  (2 assertions held)"), checkedRun.out());
        assertTrue(checkedRun.out().endsWith("The migrated schema is the model's.\n"), checkedRun.out());

        // The links as the old schema had them, read from a second copy of the fixture rows.
        old.execute(OLD);
        old.execute(ROWS);
        List<String> before = pairs(old, "SELECT r.id, g.package_id FROM resource r JOIN resource_group g "
                + "ON g.id = r.resource_group_id ORDER BY r.id");
        assertEquals(12, before.size(), before.toString());
        assertEquals(before, pairs(checked, "SELECT id, package_id FROM resource ORDER BY id"));
        String history = checked.queryString("SELECT assertions FROM ferry_schema_history WHERE module = 'core'");
        assertTrue(history.contains("\"moved_1\": \"12\"") && history.contains("\"dropped_1\": \"5\"")
                && history.contains("\"dropped_2\": \"12\""), history);
    }

    @Test
    void aMoveLeftOutFailsTheLinkAssertion(TestDatabase db, TestDatabase model, TestDatabase checked) throws Exception {
        // As the 074 change, but package_id may be NULL: only the assertion can notice a move left out.
        db.execute(OLD);
        model.execute(MODEL.replace("package_id text NOT NULL", "package_id text"));
        file("base.sql", OLD);
        file("rows.sql", ROWS);
        assertEquals(0, newMigration(db, model, "--unsafe", "remove resource groups").exitCode());
        Path migration = dir.resolve("migrations/core/001_remove_resource_groups.sql");
        String sql = Files.readString(migration);
        int update = sql.indexOf("UPDATE ");
        Files.writeString(migration, sql.substring(0, update) + sql.substring(sql.indexOf(";\n", update) + 2));
        FerryProcess.Result r = check(checked, model.url());
        assertEquals(4, r.exitCode(), r.all());
        assertTrue(r.err().contains("assertion failed (false): SELECT count(*) = :moved_1 FROM \"public\".\"resource\"")
                && r.err().contains("moved_1=12"), r.err());
    }

    @Test
    void withoutAPathToFollowAPlaceholderFailsTheCheckUntilTheMoveIsWritten(TestDatabase db, TestDatabase model,
                                                                          TestDatabase first, TestDatabase second)
            throws Exception {
        String base = """
                CREATE TABLE package (id text PRIMARY KEY, name text NOT NULL UNIQUE);
                CREATE TABLE resource (id text PRIMARY KEY, package_name text);
                """;
        db.execute(base);
        model.execute(base + "ALTER TABLE resource ADD COLUMN package_id text REFERENCES package (id);");
        file("base.sql", base);
        file("rows.sql", "INSERT INTO package VALUES ('p1', 'one'), ('p2', 'two');\n"
                + "INSERT INTO resource VALUES ('r1', 'one'), ('r2', 'two'), ('r3', 'one');\n");
        FerryProcess.Result made = newMigration(db, model, "link resources");
        assertEquals(0, made.exitCode(), made.all());
        assertTrue(made.out().contains("  placeholder for \"public\".\"resource\".\"package_id\": the old schema has no "
                + "chain of foreign keys from \"public\".\"resource\" to \"public\".\"package\".\"id\""), made.out());
        Path migration = dir.resolve("migrations/core/001_link_resources.sql");
        String sql = Files.readString(migration);
        assertTrue(phase(sql, 3).contains("-- PLACEHOLDER: write the UPDATE that fills \"public\".\"resource\".\"package_id\" here."),
                sql);
        String placeholder = "-- ferry:assert SELECT 'placeholder: no data move written for "
                + "\"public\".\"resource\".\"package_id\"' IS NULL";
        assertTrue(sql.contains(placeholder + "\n"), sql);

        FerryProcess.Result failed = check(first, model.url());
        assertEquals(4, failed.exitCode(), failed.all());
        assertTrue(failed.err().contains("assertion failed (false): SELECT 'placeholder: no data move written for "
                + "\"public\".\"resource\".\"package_id\"' IS NULL"), failed.err());

        // The developer writes the move and an assertion of their own in place of the placeholder's.
        Files.writeString(migration, sql.replace("-- PLACEHOLDER:", "UPDATE resource AS r SET package_id = p.id "
                        + "FROM package AS p WHERE p.name = r.package_name;\n-- was the placeholder:")
                .replace(placeholder, "-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM resource WHERE package_id IS NULL)"));
        FerryProcess.Result written = check(second, model.url());
        assertEquals(0, written.exitCode(), written.all());
        assertEquals(List.of("r1=p1", "r2=p2", "r3=p1"), pairs(second, "SELECT id, package_id FROM resource ORDER BY id"));
    }

    @Test
    void renameCandidatesAreNamedAndRenameTurnsThemIntoRenames(TestDatabase db, TestDatabase model)
            throws Exception {
        db.execute("CREATE TABLE resource (id int PRIMARY KEY, url text, size bigint);"
                + "CREATE TABLE old_tags (id int, name text);"
                + "INSERT INTO resource VALUES (1, 'http://example.org/a', 10); INSERT INTO old_tags VALUES (1, 'x');");
        model.execute("CREATE TABLE resource (id int PRIMARY KEY, link text, size bigint);"
                + "CREATE TABLE tags (id int, name text);");
        FerryProcess.Result refused = newMigration(db, model, "rename url");
        assertEquals(6, refused.exitCode(), refused.all());
        assertTrue(refused.out().contains("  column \"public\".\"resource\".\"url\" -> \"link\": "
                + "--rename column:public.resource.url=link\n"), refused.out());
        assertTrue(refused.out().contains("  table \"public\".\"old_tags\" -> \"tags\": --rename table:public.old_tags=tags\n"),
                refused.out());
        assertFalse(Files.exists(dir.resolve("migrations/core")), "nothing written");

        FerryProcess.Result made = newMigration(db, model, "--rename", "column:public.resource.url=link", "--rename",
                "table:public.old_tags=tags", "rename url");
        assertEquals(0, made.exitCode(), made.all());
        assertFalse(made.out().contains("Rename candidates"), made.out());
        String sql = Files.readString(dir.resolve("migrations/core/001_rename_url.sql"));
        assertTrue(phase(sql, 1).contains("ALTER TABLE \"public\".\"resource\" RENAME COLUMN \"url\" TO \"link\";")
                && phase(sql, 1).contains("ALTER TABLE \"public\".\"old_tags\" RENAME TO \"tags\";"), sql);
        assertFalse(sql.contains("DROP"), sql);
        FerryProcess.Result migrate = ferry("migrate", "--db", db.url(), "--migrations", dir.resolve("migrations").toString());
        assertEquals(0, migrate.exitCode(), migrate.all());
        assertEquals("http://example.org/a", db.queryString("SELECT link FROM resource"));
        assertEquals("x", db.queryString("SELECT name FROM tags"));
        assertEquals(0, ferry("verify", "--db", db.url(), "--model", model.url()).exitCode());
    }

    @Test
    void capturesNameTablesAsTheyAreBeforeTheRenames(TestDatabase db, TestDatabase model) throws Exception {
        db.execute("CREATE TABLE t (id integer, v integer, gone text); INSERT INTO t VALUES (1, 1, 'a'), (2, 2, NULL)");
        model.execute("CREATE TABLE t2 (id bigint, v integer)");
        FerryProcess.Result made = newMigration(db, model, "--rename", "table:public.t=t2", "--unsafe", "rename t");
        assertEquals(0, made.exitCode(), made.all());
        String sql = Files.readString(dir.resolve("migrations/core/001_rename_t.sql"));
        assertTrue(sql.contains("-- ferry:capture rows_1: SELECT count(*) FROM \"public\".\"t\"\n")
                && sql.contains("-- ferry:capture dropped_1: SELECT count(\"gone\") FROM \"public\".\"t\"\n")
                && sql.contains("-- ferry:assert SELECT :rows_1 = (SELECT count(*) FROM \"public\".\"t2\")\n"), sql);
        FerryProcess.Result migrate = ferry("migrate", "--db", db.url(), "--migrations", dir.resolve("migrations").toString());
        assertEquals(0, migrate.exitCode(), migrate.all());
        assertTrue(db.queryString("SELECT assertions FROM ferry_schema_history WHERE module = 'core'")
                .contains("\"dropped_1\": \"1\""));
    }

    @Test
    void aLongerPathAndARenamedTableAreFollowed(TestDatabase db, TestDatabase model, TestDatabase checked, TestDatabase old)
            throws Exception {
        String base = """
                CREATE TABLE package (id text PRIMARY KEY);
                CREATE TABLE catalog (id text PRIMARY KEY, package_id text REFERENCES package (id));
                CREATE TABLE resource_group (id text PRIMARY KEY, catalog_id text REFERENCES catalog (id));
                CREATE TABLE resource (id text PRIMARY KEY, resource_group_id text REFERENCES resource_group (id));
                """;
        db.execute(base);
        model.execute("CREATE TABLE package (id text PRIMARY KEY);"
                + "CREATE TABLE res (id text PRIMARY KEY, package_id text REFERENCES package (id));");
        file("base.sql", base);
        // g4 has no catalog: r4 and r8 had no dataset and get none.
        String rows = """
                INSERT INTO package VALUES ('p1'), ('p2');
                INSERT INTO catalog VALUES ('c1', 'p1'), ('c2', 'p2'), ('c3', 'p1');
                INSERT INTO resource_group VALUES ('g1', 'c1'), ('g2', 'c2'), ('g3', 'c3'), ('g4', NULL);
                INSERT INTO resource SELECT 'r' || g, 'g' || ((g - 1) % 4 + 1) FROM generate_series(1, 8) g;
                """;
        file("rows.sql", rows);
        FerryProcess.Result made = newMigration(db, model, "--rename", "table:public.resource=res", "--unsafe", "three hops");
        assertEquals(0, made.exitCode(), made.all());
        String sql = Files.readString(dir.resolve("migrations/core/001_three_hops.sql"));
        assertTrue(sql.contains("-- ferry:capture moved_1: SELECT count(*) FROM \"public\".\"resource\" AS \"t\", "
                + "\"public\".\"resource_group\" AS \"j1\" JOIN \"public\".\"catalog\" AS \"j2\" ON \"j2\".\"id\" = "
                + "\"j1\".\"catalog_id\" WHERE \"j1\".\"id\" = \"t\".\"resource_group_id\" AND \"j2\".\"package_id\" IS NOT NULL\n"), sql);
        assertTrue(phase(sql, 3).contains("UPDATE \"public\".\"res\" AS \"t\"\nSET \"package_id\" = \"j2\".\"package_id\"\n"), sql);

        FerryProcess.Result run = check(checked, model.url());
        assertEquals(0, run.exitCode(), run.all());
        old.execute(base);
        old.execute(rows);
        List<String> before = pairs(old, "SELECT r.id, c.package_id FROM resource r JOIN resource_group g "
                + "ON g.id = r.resource_group_id LEFT JOIN catalog c ON c.id = g.catalog_id ORDER BY r.id");
        assertEquals(before, pairs(checked, "SELECT id, package_id FROM res ORDER BY id"));
        assertTrue(before.contains("r4=null") && before.contains("r1=p1"), before.toString());
        assertTrue(checked.queryString("SELECT assertions FROM ferry_schema_history WHERE module = 'core'")
                .contains("\"moved_1\": \"6\""));
    }
}
