package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.migrate.MigrateOptions;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.Migrator;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dgu module, then core, on generated legacy catalogs. */
@ExtendWith(PostgresExtension.class)
class DguMigrationTest {

    static void generate(TestDatabase db, HarvestShape shape) {
        CatalogGenerator.generate(db.spec(), new GenerateOptions(500, 11, shape), line -> {
        });
    }

    static Migrator.Result migrate(TestDatabase db, String module) {
        return migrate(db, module, null);
    }

    /** Runs {@code module} (all when null) up to {@code target} ({@code dgu@14}; no limit when null). */
    static Migrator.Result migrate(TestDatabase db, String module, String target) {
        MigrateOptions options = new MigrateOptions(Optional.ofNullable(module),
                Optional.ofNullable(target).map(MigrateOptions.Target::parse), false, false,
                Duration.ofSeconds(30), Duration.ofSeconds(30), 0);
        return new Migrator(db.spec(), CkanSchemas.migrations(), MigrationListener.NONE).migrate(options);
    }

    @Test
    void dguThenCoreUpgradeAGeneratedCatalog(TestDatabase db) {
        generate(db, HarvestShape.DGU);
        long sysadmins = db.queryLong("SELECT count(*) FROM \"user\" WHERE sysadmin");

        Migrator.Result result = migrate(db, null);

        // The whole pack, to CKAN 2.11: every module at its last step.
        assertEquals("{activity=3, core=105, dgu=16, harvest=8, tracking=1}", new java.util.TreeMap<>(result.versions()).toString());
        assertTrue(result.applied().get(0).module().equals("dgu"), "dgu runs before core");
        // Extras cleaned, themes slugged, schema renamed, organograms moved, viewers deleted.
        assertEquals(0, db.queryLong("SELECT count(*) FROM package_extra WHERE key IN ('individual_resources', "
                + "'additional_resources', 'timeseries_resources', 'schema') OR value = 'Towns & Cities'"));
        assertTrue(db.queryLong("SELECT count(*) FROM package_extra WHERE key = 'theme-primary' "
                + "AND value = 'towns-and-cities'") > 0);
        assertTrue(db.queryLong("SELECT count(*) FROM resource WHERE url LIKE "
                + "'https://s3-eu-west-1.amazonaws.com/datagovuk-integration-ckan-organogram/legacy/organogram/%.csv'") > 0);
        assertEquals(0, db.queryLong("SELECT count(*) FROM resource WHERE description = 'Organogram viewer' "
                + "AND state <> 'deleted'"));
        // Users: only publishers and sysadmins stayed; one sysadmin is left; names are unique.
        assertEquals(0, db.queryLong("SELECT count(*) FROM \"user\" u WHERE NOT EXISTS (SELECT 1 FROM member m "
                + "WHERE m.table_id = u.id AND m.capacity IN ('admin', 'editor')) AND u.id NOT IN "
                + "(SELECT user_id FROM ferry.ckan_demoted_sysadmin) AND NOT u.sysadmin"));
        assertEquals("2ndline", db.queryString("SELECT string_agg(fullname, ',') FROM \"user\" WHERE sysadmin"));
        assertEquals(sysadmins - 1, db.queryLong("SELECT count(*) FROM ferry.ckan_demoted_sysadmin"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM \"user\" WHERE sysadmin IS NULL"));
        // Harvest sources renamed, DKAN URLs pointed at data.json, the duplicate source gone.
        assertEquals("csw,dcat_json,single-doc,waf",
                db.queryString("SELECT string_agg(DISTINCT type, ',' ORDER BY type) FROM harvest_source"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM harvest_source WHERE id = '2c798023-abac-4785-ad19-67bd5c1aed63'"));
        // Gone: related (core 083 dropped the emptied tables), data_cache, coupled resources, DGU 058's indexes.
        for (String gone : List.of("related", "related_dataset", "data_cache", "harvest_coupled_resource",
                "activity_user_id_idx", "activity_detail_activity_id_idx")) {
            assertNull(db.queryString("SELECT to_regclass('" + gone + "')"), gone);
        }
    }

    @Test
    void userNameCollisionsGetASuffixAndNullsAreDecided(TestDatabase db) {
        generate(db, HarvestShape.DGU);
        String bothActive = db.queryString("SELECT fullname FROM \"user\" GROUP BY fullname "
                + "HAVING count(*) = 2 AND bool_and(state = 'active') LIMIT 1");
        String withInactiveTwin = db.queryString("SELECT fullname FROM \"user\" GROUP BY fullname "
                + "HAVING count(*) = 2 AND count(*) FILTER (WHERE state = 'active') = 1 LIMIT 1");
        long nullSysadmins = db.queryLong("SELECT count(*) FROM \"user\" WHERE sysadmin IS NULL");
        assertTrue(nullSysadmins > 0);

        migrate(db, "dgu", "dgu@14"); // before 015 makes the names valid CKAN names

        // Both active: the earlier one gets the plain name, the other the suffix from its old name.
        assertEquals("1/1", db.queryString("SELECT count(*) FILTER (WHERE name = fullname) || '/' || "
                + "count(*) FILTER (WHERE name = fullname || '-' || substr(name, length(fullname) + 2) "
                + "AND substr(name, length(fullname) + 2) ~ '^d[0-9]+$') FROM \"user\" WHERE fullname = '"
                + bothActive + "'"));
        // With an inactive twin: the active one is renamed, the inactive one keeps its legacy name.
        assertEquals("active=" + withInactiveTwin + ",deleted=user_d", db.queryString(
                "SELECT string_agg(state || '=' || CASE WHEN name LIKE 'user_d%' THEN 'user_d' ELSE name END, ',' "
                        + "ORDER BY state) FROM \"user\" WHERE fullname = '" + withInactiveTwin + "'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM (SELECT name FROM \"user\" GROUP BY name "
                + "HAVING count(*) > 1) AS d"));
        // Users without a full name keep their name; NULL-fullname sysadmins were demoted too.
        assertEquals(0, db.queryLong("SELECT count(*) FROM \"user\" WHERE fullname IS NULL AND name NOT LIKE 'user_d%' "
                + "AND name <> 'dgu'"));
        assertTrue(db.queryLong("SELECT count(*) FROM ferry.ckan_demoted_sysadmin WHERE fullname IS NULL") >= 2);
        // The step's own record shows the collision: more candidates than distinct full names.
        assertTrue(db.queryLong("SELECT (assertions->'captures'->>'candidates')::int - "
                + "(assertions->'captures'->>'fullnames')::int FROM ferry_schema_history "
                + "WHERE module = 'dgu' AND version = 9") > 0);
    }

    @Test
    void userNamesBecomeValidCkanNamesAndRenamesAreRecorded(TestDatabase db) {
        generate(db, HarvestShape.DGU);
        migrate(db, "dgu", "dgu@14");
        assertTrue(db.queryLong("SELECT count(*) FROM \"user\" WHERE name !~ '^[a-z0-9_-]{2,100}$'") > 10,
                "the generated catalog has names CKAN refuses after 009");
        // Names CKAN refuses that 009 does not write: upper case, a reserved word, two users whose names
        // come out the same.
        db.execute("UPDATE \"user\" SET name = 'J.Doe' WHERE id = (SELECT max(id) FROM \"user\")");
        db.execute("UPDATE \"user\" SET name = 'j doe' WHERE id = (SELECT min(id) FROM \"user\")");
        String edit = db.queryString("SELECT id FROM \"user\" ORDER BY id OFFSET 1 LIMIT 1");
        db.execute("UPDATE \"user\" SET name = 'Edit' WHERE id = '" + edit + "'");
        long invalid = db.queryLong("SELECT count(*) FROM \"user\" WHERE name !~ '^[a-z0-9_-]{2,100}$' OR name IN ('new', 'edit', 'search')");
        long users = db.queryLong("SELECT count(*) FROM \"user\"");
        String byId = "SELECT string_agg(id || '=' || name, ',' ORDER BY id) FROM \"user\"";
        String before = db.queryString(byId);

        migrate(db, "dgu");

        assertEquals(users, db.queryLong("SELECT count(*) FROM \"user\""));
        for (String name : db.queryString("SELECT string_agg(name, ' ') FROM \"user\"").split(" ")) {
            assertTrue(name.matches("[a-z0-9_-]{2,100}") && !List.of("new", "edit", "search").contains(name), name);
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM (SELECT name FROM \"user\" GROUP BY name HAVING count(*) > 1) d"));
        // j doe and J.Doe both want "j-doe": the earlier created gets it, the other a suffix from its id.
        assertEquals(1, db.queryLong("SELECT count(*) FROM \"user\" WHERE name = 'j-doe'"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM \"user\" WHERE name ~ '^j-doe-[0-9a-f]{8}$'"));
        // "edit" is reserved: the id makes the name.
        assertEquals("user-" + db.queryString("SELECT left(md5('" + edit + "'), 8)"),
                db.queryString("SELECT name FROM \"user\" WHERE id = '" + edit + "'"));
        // Every user whose name changed in this step is recorded with its name now; the others kept theirs.
        long changed = 0;
        String after = db.queryString(byId);
        List<String> was = List.of(before.split(","));
        List<String> now = List.of(after.split(","));
        for (int i = 0; i < was.size(); i++) {
            if (!was.get(i).equals(now.get(i))) {
                changed++;
                String id = now.get(i).substring(0, now.get(i).indexOf('='));
                assertEquals(now.get(i).substring(id.length() + 1),
                        db.queryString("SELECT new_name FROM ferry.ckan_renamed_user WHERE user_id = '" + id + "'"));
            }
        }
        assertEquals(invalid, changed);
    }

    @Test
    void activeUsersSharingAnEmailAreResolvedAndCanBeGivenBack(TestDatabase db) throws Exception {
        generate(db, HarvestShape.DGU);
        migrate(db, "dgu", "dgu@15");
        String sharing = "SELECT count(*) FROM \"user\" u WHERE state = 'active' AND email IS NOT NULL AND EXISTS "
                + "(SELECT 1 FROM \"user\" o WHERE o.state = 'active' AND o.email = u.email AND o.id <> u.id)";
        long shared = db.queryLong(sharing);
        assertTrue(shared >= 2, "the generated catalog has active users sharing an address");
        String email = db.queryString("SELECT min(email) FROM \"user\" u WHERE state = 'active' AND EXISTS "
                + "(SELECT 1 FROM \"user\" o WHERE o.state = 'active' AND o.email = u.email AND o.id <> u.id)");
        // The latest created of them is made the busiest member, so memberships, not age, must decide.
        String latest = db.queryString("SELECT id FROM \"user\" WHERE state = 'active' AND email = '" + email
                + "' ORDER BY created DESC NULLS FIRST, id DESC LIMIT 1");
        db.execute("INSERT INTO member (id, table_id, group_id, state, revision_id, table_name, capacity) "
                + "SELECT 'ferry-test-' || n, '" + latest + "', m.group_id, 'active', m.revision_id, 'user', 'member' "
                + "FROM (SELECT * FROM member WHERE table_name = 'user' LIMIT 1) m, generate_series(1, 20) n");
        // The expected keeper, worked out here: most active memberships, then earliest, then id.
        String keeper = db.queryString("SELECT u.name FROM \"user\" u WHERE u.state = 'active' AND u.email = '" + email
                + "' ORDER BY (SELECT count(*) FROM member m WHERE m.table_name = 'user' AND m.table_id = u.id "
                + "AND m.state = 'active') DESC, u.created NULLS LAST, u.id LIMIT 1");
        assertEquals(latest, db.queryString("SELECT id FROM \"user\" WHERE name = '" + keeper + "'"));
        String other = db.queryString("SELECT name FROM \"user\" WHERE state = 'active' AND email = '" + email
                + "' AND name <> '" + keeper + "' ORDER BY name LIMIT 1");
        long users = db.queryLong("SELECT count(*) FROM \"user\"");

        migrate(db, "dgu");

        assertEquals(0, db.queryLong(sharing));
        assertEquals(users, db.queryLong("SELECT count(*) FROM \"user\""));
        assertEquals(email, db.queryString("SELECT email FROM \"user\" WHERE name = '" + keeper + "'"));
        String sub = email.replaceFirst("@", "+" + other + "@");
        assertEquals(sub, db.queryString("SELECT email FROM \"user\" WHERE name = '" + other + "'"));
        try (Connection c = db.open()) {
            List<SharedEmails.Changed> changed = SharedEmails.list(c);
            assertEquals(shared - db.queryLong("SELECT count(DISTINCT email_then) FROM ferry.ckan_shared_email"),
                    changed.size());
            assertTrue(changed.stream().anyMatch(x -> x.name().equals(other) && x.emailThen().equals(email)
                    && x.emailNow().equals(sub) && x.keptBy().equals(keeper)), changed.toString());

            // CKAN 2.10's index in place: giving all addresses back is refused; one named user swaps.
            db.execute("CREATE UNIQUE INDEX idx_only_one_active_email ON \"user\" (email, state) WHERE state = 'active'");
            FerryException all = assertThrows(FerryException.class, () -> SharedEmails.restore(c, List.of()));
            assertEquals(ErrorCode.VALIDATION_FAILED, all.code());
            assertEquals(List.of(other), SharedEmails.restore(c, List.of(other)));
            assertEquals(email, db.queryString("SELECT email FROM \"user\" WHERE name = '" + other + "'"));
            assertEquals(email.replaceFirst("@", "+" + keeper + "@"),
                    db.queryString("SELECT email FROM \"user\" WHERE name = '" + keeper + "'"));
            assertEquals(0, db.queryLong(sharing));
            FerryException again = assertThrows(FerryException.class, () -> SharedEmails.restore(c, List.of(other)));
            assertTrue(again.getMessage().contains(other), again.getMessage());

            // Without the index (a site still before 2.10), everything can be undone.
            db.execute("DROP INDEX idx_only_one_active_email");
            SharedEmails.restore(c, List.of());
            assertEquals(shared, db.queryLong(sharing));
        }
    }

    @Test
    void aWrongCountStopsTheStepAndRollsItBack(TestDatabase db) {
        generate(db, HarvestShape.DGU);
        // One of the doomed extras cannot be deleted: the assertion must notice and undo the step.
        String kept = db.queryString("SELECT id FROM package_extra WHERE key = 'individual_resources' LIMIT 1");
        db.execute("CREATE RULE ferry_test_keep AS ON DELETE TO package_extra WHERE OLD.id = '" + kept
                + "' DO INSTEAD NOTHING");
        long before = db.queryLong("SELECT count(*) FROM package_extra");

        FerryException e = assertThrows(FerryException.class, () -> migrate(db, "dgu"));

        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("dgu/001_remove_resource_list_extras.sql: assertion failed"),
                e.getMessage());
        assertEquals(before, db.queryLong("SELECT count(*) FROM package_extra"));
        assertEquals("f", db.queryString("SELECT success FROM ferry_schema_history WHERE module = 'dgu'"));
    }

    @Test
    void aSecondSysadminThatSurvivesDemotionIsCaught(TestDatabase db) {
        generate(db, HarvestShape.DGU);
        // A trigger re-promotes one user behind the step's back: the count of sysadmins is then wrong.
        db.execute("""
                CREATE FUNCTION ferry_test_stay() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF OLD.name = 'dgu' THEN NEW.sysadmin := true; END IF; RETURN NEW; END $$;
                CREATE TRIGGER ferry_test_stay BEFORE UPDATE ON "user" FOR EACH ROW EXECUTE FUNCTION ferry_test_stay();
                """);
        FerryException e = assertThrows(FerryException.class, () -> migrate(db, "dgu"));
        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        assertTrue(e.getMessage().startsWith("dgu/008_demote_sysadmins.sql: assertion failed"), e.getMessage());
        assertTrue(db.queryLong("SELECT count(*) FROM \"user\" WHERE sysadmin") > 1, "rolled back");
    }

    @Test
    void demotedSysadminsCanBeRestored(TestDatabase db) throws Exception {
        generate(db, HarvestShape.DGU);
        migrate(db, "dgu");
        try (Connection c = db.open()) {
            List<Sysadmins.Demoted> demoted = Sysadmins.list(c);
            assertTrue(demoted.size() >= 5);
            assertTrue(demoted.stream().noneMatch(Sysadmins.Demoted::sysadminNow));
            Sysadmins.Demoted first = demoted.get(0);
            assertEquals(List.of(first.nameNow()), Sysadmins.restore(c, List.of(first.nameThen())));
            assertEquals(2, db.queryLong("SELECT count(*) FROM \"user\" WHERE sysadmin"));
            FerryException e = assertThrows(FerryException.class, () -> Sysadmins.restore(c, List.of("nobody")));
            assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
            assertEquals(demoted.size(), Sysadmins.restore(c, List.of()).size());
        }
        assertEquals(db.queryLong("SELECT count(*) FROM ferry.ckan_demoted_sysadmin") + 1,
                db.queryLong("SELECT count(*) FROM \"user\" WHERE sysadmin"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM ferry.ckan_demoted_sysadmin WHERE restored_at IS NULL"));
    }

    @Test
    void thePreV2HarvestShapeIsCleanedToo(TestDatabase db) {
        generate(db, HarvestShape.PRE_V2);
        Migrator.Result result = migrate(db, "dgu");
        assertEquals("16", result.versions().get("dgu").toString());
        assertEquals(0, db.queryLong("SELECT count(*) FROM harvest_source WHERE type IN ('gemini-waf', 'dkan')"));
    }
}
