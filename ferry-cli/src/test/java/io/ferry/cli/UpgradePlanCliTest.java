package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.check.CkanVersion;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.ckan.generate.ReleaseCatalog;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * plans/upgrade.yaml on a CKAN 2.9 site: the copy is checked against CKAN 2.11's rules and the plan
 * stops before migrating while rows break them; once the site has settled them on the new server,
 * the resumed plan upgrades from the version CKAN recorded (without dgu), verifies against
 * builtin:ckan-2.11 and reindexes.
 */
@ExtendWith(PostgresExtension.class)
class UpgradePlanCliTest {
    static final Path UPGRADE = Path.of("..", "plans", "upgrade.yaml");

    @TempDir
    Path dir;

    @Test
    void aCkan29SiteIsCheckedThenUpgradedTo211(TestDatabase source) throws Exception {
        CatalogGenerator.generate(source.spec(), new GenerateOptions(120, 5, HarvestShape.DGU, 2), line -> { });
        ReleaseCatalog.Traps traps = ReleaseCatalog.bring(source.spec(), CkanVersion.V2_9, 5, 1, line -> { });
        TestDatabase target = PostgresExtension.newDatabase("upgrade_target");
        String[] run = {"run", UPGRADE.toString(), "--set", "source=" + source.url(), "--set", "target=" + target.url(),
                "--report-dir", dir.resolve("report").toString()};

        FerryProcess.Result stopped = FerryProcess.run(dir, run);
        assertEquals(3, stopped.exitCode(), stopped.all());
        assertTrue(stopped.all().contains("user-name") && stopped.all().contains("active-email")
                && stopped.all().contains("resource-package"), stopped.all());
        assertEquals("ccd38ad5fced", target.queryString("SELECT version_num FROM alembic_version"), "nothing migrated");
        assertEquals(traps.invalidNames(), target.queryLong("SELECT count(*) FROM \"user\" WHERE name !~ '^[a-z0-9_-]{2,100}$'"));

        // The site settles them on the new server: names CKAN accepts, addresses of their own, the orphan gone.
        target.execute("UPDATE \"user\" SET name = lower(replace(name, '.', '-')) WHERE name !~ '^[a-z0-9_-]{2,100}$'");
        target.execute("UPDATE \"user\" u SET email = u.id || '@example.org' WHERE state = 'active' AND EXISTS "
                + "(SELECT 1 FROM \"user\" o WHERE o.state = 'active' AND o.email = u.email AND o.id <> u.id)");
        target.execute("DELETE FROM resource_view v USING resource r WHERE v.resource_id = r.id AND NOT EXISTS "
                + "(SELECT 1 FROM package p WHERE p.id = r.package_id)");
        target.execute("DELETE FROM resource r WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = r.package_id)");

        String[] resume = new String[run.length + 1];
        System.arraycopy(run, 0, resume, 0, run.length);
        resume[run.length] = "--resume";
        FerryProcess.Result done = FerryProcess.run(dir, resume);
        assertEquals(0, done.exitCode(), done.all());
        // From CKAN 2.9's own bookkeeping: core 101-105 and the plugins; dgu never ran.
        assertEquals("100", target.queryString("SELECT version FROM ferry_schema_history WHERE module = 'core' AND type = 'BASELINE'"));
        assertEquals(0, target.queryLong("SELECT count(*) FROM ferry_schema_history WHERE module = 'dgu'"));
        assertEquals("4a5e3465beb6 fab3bfdcf830 6313f7679d5f", target.queryString("SELECT concat_ws(' ', "
                + "(SELECT version_num FROM alembic_version), (SELECT version_num FROM activity_alembic_version), "
                + "(SELECT version_num FROM tracking_alembic_version))"));
        assertEquals(8, target.queryLong("SELECT count(*) FROM ferry.plan_step WHERE plan = 'upgrade' AND status = 'finished'"));
        // A site without a DataStore: the two DataStore steps are skipped, and say why.
        assertEquals(2, target.queryLong("SELECT count(*) FROM ferry.plan_step WHERE plan = 'upgrade' "
                + "AND summary LIKE 'skipped: %datastore_target not given'"));
    }
}
