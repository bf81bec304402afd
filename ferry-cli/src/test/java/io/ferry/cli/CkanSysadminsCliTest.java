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
        // The database is at CKAN 2.11: all of them back would break core 102's index, so it is refused;
        // one named user gets the address back, its keeper the sub-address.
        FerryProcess.Result all = FerryProcess.run(dir, "ckan", "emails", "restore", "--db", db.url());
        assertEquals(3, all.exitCode(), all.all());
        assertTrue(all.err().contains("allows one active user per e-mail address"), all.err());
        FerryProcess.Result one = FerryProcess.run(dir, "ckan", "emails", "restore", "--db", db.url(), other);
        assertEquals(0, one.exitCode(), one.all());
        assertEquals(address, db.queryString("SELECT email FROM \"user\" WHERE name = '" + other + "'"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM \"user\" WHERE state = 'active' AND email = '" + address + "'"));
    }
}
