package io.ferry.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class EmbeddedServerTest {

    @Test
    void givesEachTestAFreshDatabaseOnPostgres15(TestDatabase db) {
        assertTrue(db.queryString("SHOW server_version").startsWith("15."));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
        assertEquals("UTF8", db.queryString("SHOW server_encoding"));
    }

    @Test
    void secondOpenOnTheSameFolderAttachesInsteadOfStartingAgain(@TempDir Path dir) {
        try (EmbeddedServer first = EmbeddedServer.open(dir.resolve("pg"))) {
            first.createDatabase("ferry_attach");
            try (EmbeddedServer second = EmbeddedServer.open(dir.resolve("pg"))) {
                assertEquals(first.port(), second.port());
            }
            // Closing the attached one must leave the server running.
            TestDatabase db = new TestDatabase("ferry_attach", first.connection("ferry_attach"));
            assertEquals(1, db.queryLong("SELECT 1"));
        }
    }
}
