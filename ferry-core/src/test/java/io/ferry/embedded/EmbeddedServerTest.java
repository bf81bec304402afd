package io.ferry.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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

    @Test
    void scratchServersAfterTheFirstAreCopiedFromTheTemplateAndGoneWhenClosed(@TempDir Path templates)
            throws Exception {
        try (EmbeddedServer first = EmbeddedServer.scratch(templates, 0)) {
            assertTrue(first.isScratch());
        }
        Path template;
        try (Stream<Path> kept = Files.list(templates)) {
            template = kept.filter(p -> p.getFileName().toString().startsWith("pg-")).findFirst().orElseThrow();
        }
        // A file only the template has: the next server's data folder is a copy of it, not initdb's work.
        Files.writeString(template.resolve("ferry-test-marker"), "x");

        Path dataDir;
        EmbeddedServer second = EmbeddedServer.scratch(templates, 0);
        try (second) {
            second.createDatabase("ferry_scratch");
            TestDatabase db = new TestDatabase("ferry_scratch", second.connection("ferry_scratch"));
            dataDir = Path.of(db.queryString("SHOW data_directory"));
            assertTrue(Files.exists(dataDir.resolve("ferry-test-marker")), "copied from the template");
            assertEquals("0", db.queryString("SHOW max_parallel_maintenance_workers"));
        }
        assertThrows(Exception.class, () -> second.connection("postgres").open().close(), "stopped");
        assertTrue(goneWithin(dataDir, 10_000), "the data folder is removed");
    }

    @Test
    void aScratchServerStopsAtOnceWithoutACheckpoint(@TempDir Path templates) throws Exception {
        Path dataDir;
        try (EmbeddedServer server = EmbeddedServer.scratch(templates, 0)) {
            server.createDatabase("ferry_scratch");
            TestDatabase db = new TestDatabase("ferry_scratch", server.connection("ferry_scratch"));
            db.execute("CREATE TABLE t (id integer)");
            dataDir = Path.of(db.queryString("SHOW data_directory"));
            assertTrue(Postmaster.stopImmediately(dataDir));
            assertFalse(Files.exists(dataDir.resolve("postmaster.pid")), "the postmaster is gone");
            // A normal stop ends with a shutdown checkpoint, which marks the cluster as shut down.
            assertFalse(cleanlyShutDown(dataDir), "stopped without a shutdown checkpoint");
        }
    }

    @Test
    void scratchFoldersOfFerryProcessesThatAreGoneAreRemoved() throws IOException {
        Path mine = ScratchFolder.create(0);
        Path parent = mine.getParent();
        // No process has this id (above Linux's pid_max), so its folder is abandoned.
        Path abandoned = Files.createDirectories(parent.resolve("ferry-pg-99999999-left-behind"));
        Files.writeString(abandoned.resolve("PG_VERSION"), "15");
        Path another = ScratchFolder.create(0);
        try {
            assertFalse(Files.exists(abandoned), "removed");
            assertTrue(Files.isDirectory(mine), "a live process's folder is kept");
        } finally {
            Folders.delete(mine);
            Folders.delete(another);
            Folders.delete(abandoned);
        }
    }

    /** Whether pg_controldata would say "shut down": read from the control file's state field. */
    private static boolean cleanlyShutDown(Path dataDir) throws IOException {
        byte[] control = Files.readAllBytes(dataDir.resolve("global").resolve("pg_control"));
        // ControlFileData: system identifier (8 bytes), pg_control_version and catalog_version_no
        // (4 each), then the state, an int: 1 is DB_SHUTDOWNED.
        int state = (control[16] & 0xff) | (control[17] & 0xff) << 8 | (control[18] & 0xff) << 16 | (control[19] & 0xff) << 24;
        return state == 1;
    }

    private static boolean goneWithin(Path dir, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (Files.exists(dir) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return !Files.exists(dir);
    }
}
