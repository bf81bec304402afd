package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry ckan sysadmins|emails list | restore} after the dgu module, as real processes. */
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

        // The addresses the module took from users sharing one, listed with who kept them; one given back.
        String other = db.queryString("SELECT u.name FROM ferry.ckan_shared_email s JOIN \"user\" u ON u.id = s.user_id "
                + "ORDER BY u.name LIMIT 1");
        String address = db.queryString("SELECT email_then FROM ferry.ckan_shared_email s JOIN \"user\" u "
                + "ON u.id = s.user_id WHERE u.name = '" + other + "'");
        FerryProcess.Result emails = FerryProcess.run(dir, "ckan", "emails", "list", "--db", db.url());
        assertEquals(0, emails.exitCode(), emails.all());
        assertTrue(emails.out().contains(other) && emails.out().contains(address), emails.out());
        FerryProcess.Result all = FerryProcess.run(dir, "ckan", "emails", "restore", "--db", db.url());
        assertEquals(0, all.exitCode(), all.all()); // the database is at CKAN 2.8: no unique index yet
        FerryProcess.Result none = FerryProcess.run(dir, "ckan", "emails", "restore", "--db", db.url(), other);
        assertEquals(3, none.exitCode(), none.all());
        assertTrue(none.err().contains("not a user whose e-mail address is recorded as changed"), none.err());
        assertEquals(address, db.queryString("SELECT email FROM \"user\" WHERE name = '" + other + "'"));
    }
}
