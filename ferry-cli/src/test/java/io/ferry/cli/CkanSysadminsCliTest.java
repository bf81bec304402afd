package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry ckan sysadmins list | restore} after the dgu module, as real processes. */
@ExtendWith(PostgresExtension.class)
class CkanSysadminsCliTest {
    @TempDir
    Path dir;

    @Test
    void listsAndRestoresTheDemotedSysadmins(TestDatabase db) throws Exception {
        assertEquals(0, FerryProcess.run(dir, "ckan", "generate", "--db", db.url(), "--datasets", "100").exitCode());
        FerryProcess.Result migrate = FerryProcess.run(dir, "migrate", "--db", db.url(), "--migrations", "builtin:ckan");
        assertEquals(0, migrate.exitCode(), migrate.all());
        long demoted = db.queryLong("SELECT count(*) FROM ferry.ckan_demoted_sysadmin");

        FerryProcess.Result list = FerryProcess.run(dir, "ckan", "sysadmins", "list", "--db", db.url());
        assertEquals(0, list.exitCode(), list.all());
        assertTrue(list.out().contains("dgu"), list.out());

        FerryProcess.Result unknown = FerryProcess.run(dir, "ckan", "sysadmins", "restore", "--db", db.url(), "nobody");
        assertEquals(3, unknown.exitCode(), unknown.all());
        assertEquals(1, db.queryLong("SELECT count(*) FROM \"user\" WHERE sysadmin"));

        FerryProcess.Result restore = FerryProcess.run(dir, "ckan", "sysadmins", "restore", "--db", db.url());
        assertEquals(0, restore.exitCode(), restore.all());
        assertTrue(restore.out().startsWith("Promoted " + demoted + " user(s) to sysadmin"), restore.out());
        assertEquals(demoted + 1, db.queryLong("SELECT count(*) FROM \"user\" WHERE sysadmin"));
    }
}
