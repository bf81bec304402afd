package io.ferry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class JavaMigrationTest {
    @TempDir
    Path dir;

    @Test
    void javaMigrationsJoinTheirModuleInVersionOrderWithAssertions(TestDatabase db) throws Exception {
        new MigrationFiles(dir)
                .write("core/001_people.sql", "CREATE TABLE person (name text); INSERT INTO person VALUES ('a'), ('b');")
                .write("core/003_after.sql", "ALTER TABLE person_copy ADD COLUMN note text;");
        // The service entry lives outside the test class path's root so other tests do not see it.
        URL services = getClass().getClassLoader().getResource("java-migrations/");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {services}, getClass().getClassLoader())) {
            MigrationSet set = MigrationSet.load(dir, loader);
            assertEquals(List.of("SQL", "JAVA", "SQL"), set.module("core").migrations().stream()
                    .map(Migration::type).toList());
            new Migrator(db.spec(), set, MigrationListener.NONE).migrate(MigrateOptions.defaults());
        }
        assertEquals("A,B", db.queryString("SELECT string_agg(name, ',' ORDER BY name) FROM person_copy"));
        assertEquals("io.ferry.migrate.javatest.V2_copy_names|JAVA|copy names|2",
                db.queryString("SELECT script || '|' || type || '|' || description || '|' || "
                        + "(assertions->'captures'->>'names') FROM ferry_schema_history WHERE version = 2"));
    }
}
