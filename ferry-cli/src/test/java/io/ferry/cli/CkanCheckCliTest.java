package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry ckan check} and the plan step {@code check}, as real processes, on a generated legacy
 * catalog (whose active users share e-mail addresses) with handcrafted rows added: a resource
 * without its dataset, an extra key twice on one dataset, a group name CKAN refuses.
 */
@ExtendWith(PostgresExtension.class)
class CkanCheckCliTest {
    @TempDir
    Path dir;

    /** Rows the generator does not make, one for each of three more rules. */
    private static final String TRAPS = """
            INSERT INTO resource_group (id, package_id, state) VALUES ('rg-orphan', NULL, 'active');
            INSERT INTO resource (id, url, resource_group_id, state)
              VALUES ('r-orphan', 'https://example.org/orphan.csv', 'rg-orphan', 'active');
            INSERT INTO package_extra (id, package_id, key, value, state)
              SELECT 'e-twice-' || n, (SELECT min(id) FROM package), 'contact-name', '"x"', 'active'
              FROM generate_series(1, 2) AS n;
            INSERT INTO "group" (id, name, title, type, is_organization, state)
              VALUES ('g-bad', 'Crime & Justice', 'Crime & Justice', 'group', false, 'active');
            """;

    private static void generate(TestDatabase db) {
        CatalogGenerator.generate(db.spec(), new GenerateOptions(60, 1, HarvestShape.DGU), line -> {
        });
    }

    @Test
    void listsEachBrokenRuleWithItsCountAndExamplesAsJson(TestDatabase db) throws Exception {
        generate(db);
        db.execute(TRAPS);

        FerryProcess.Result r = FerryProcess.run(dir, "ckan", "check", "--db", db.url(), "--json");
        assertEquals(3, r.exitCode(), r.all());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(db.url(), json.get("database").asText());
        assertEquals(71, json.get("core").get("version").asInt());
        assertEquals("migrate_version", json.get("core").get("source").asText());
        assertEquals("2.11", json.get("target").asText());
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = 0;
        for (JsonNode rule : json.get("rules")) {
            assertTrue(rule.get("title").asText().length() > 10, rule.toString());
            if (!rule.get("applies").asBoolean()) {
                assertFalse(rule.get("reason").asText().isBlank(), rule.toString());
                continue;
            }
            long count = rule.get("count").asLong();
            total += count;
            assertEquals(Math.min(count, 10), rule.get("examples").size(), rule.toString());
            assertFalse(rule.get("consequence").asText().isBlank(), rule.toString());
            if (count > 0) {
                counts.put(rule.get("rule").asText(), count);
            }
        }
        assertEquals(total, json.get("rows").asLong());
        long sharing = db.queryLong("SELECT count(*) FROM \"user\" WHERE state = 'active' AND email IN "
                + "(SELECT email FROM \"user\" WHERE state = 'active' GROUP BY email HAVING count(*) > 1)");
        assertTrue(sharing >= 2, "the generator's shared e-mails");
        assertEquals(Map.of("group-name", 1L, "active-email", sharing, "resource-group", 1L, "resource-package", 1L,
                "duplicate-extra-key", 1L), counts, r.out());
        JsonNode orphan = rule(json, "resource-package").get("examples").get(0);
        assertEquals("r-orphan", orphan.get("id").asText());
        assertEquals("(none)", orphan.get("value").asText());
        assertEquals("Crime & Justice", rule(json, "group-name").get("examples").get(0).get("value").asText());
        assertEquals("contact-name", rule(json, "duplicate-extra-key").get("examples").get(0).get("value").asText());
        for (JsonNode e : rule(json, "active-email").get("examples")) {
            assertTrue(e.get("value").asText().contains("-shared"), e.toString());
        }
    }

    @Test
    void printsTheFindingsForPeopleAndLeavesOutRulesOfLaterVersions(TestDatabase db) throws Exception {
        generate(db);
        db.execute(TRAPS);

        FerryProcess.Result r = FerryProcess.run(dir, "ckan", "check", "--db", db.url(), "--target", "2.9");
        assertEquals(3, r.exitCode(), r.all());
        assertTrue(r.out().startsWith("Checked " + db.url() + " (core 071, from migrate_version) for CKAN 2.9:"), r.out());
        String text = r.out().replaceAll(" +", " "); // the columns' widths aside
        assertTrue(text.contains(" FAIL group-name groups whose name CKAN refuses: 1\n"
                + " g-bad Crime & Justice\n CKAN 2.9 refuses every update of these groups"), r.out());
        assertTrue(text.contains(" r-orphan rg-orphan\n CKAN's migration 074"), r.out());
        assertTrue(text.contains(" skip active-email applies from CKAN 2.10 on\n"), r.out());
        assertTrue(text.contains(" ok user-name users whose name CKAN refuses: none\n"), r.out());
        assertTrue(r.out().strip().endsWith("3 rows break 3 of CKAN 2.9's rules."), r.out());

        db.execute("DELETE FROM resource WHERE id = 'r-orphan'; DELETE FROM package_extra WHERE id LIKE 'e-twice-%'; "
                + "DELETE FROM \"group\" WHERE id = 'g-bad'");
        FerryProcess.Result clean = FerryProcess.run(dir, "ckan", "check", "--db", db.url(), "--target", "2.9");
        assertEquals(0, clean.exitCode(), clean.all());
        assertTrue(clean.out().strip().endsWith("No rows break CKAN 2.9's rules."), clean.out());
        assertEquals(3, FerryProcess.run(dir, "ckan", "check", "--db", db.url(), "--target", "2.10").exitCode());
    }

    @Test
    void badInputIsOneLineAndExitTwo(TestDatabase db) throws Exception {
        FerryProcess.Result target = FerryProcess.run(dir, "ckan", "check", "--db", db.url(), "--target", "3.0");
        assertEquals(2, target.exitCode(), target.all());
        assertEquals("ferry: unknown CKAN version '3.0': Ferry checks for 2.8, 2.9, 2.10, 2.11", target.err().strip());

        FerryProcess.Result noDb = FerryProcess.run(dir, "ckan", "check");
        assertEquals(2, noDb.exitCode(), noDb.all());
        assertEquals(1, noDb.err().strip().lines().count(), noDb.err());
        assertTrue(noDb.err().contains("no database given"), noDb.err());

        FerryProcess.Result empty = FerryProcess.run(dir, "ckan", "check", "--db", db.url());
        assertEquals(2, empty.exitCode(), empty.all());
        assertEquals(1, empty.err().strip().lines().count(), empty.err());
        assertTrue(empty.err().contains("holds no CKAN catalog"), empty.err());
    }

    @Test
    void aPlanCheckStepStopsThePlanBeforeMigrate(TestDatabase db) throws Exception {
        generate(db);
        Path plan = dir.resolve("upgrade.yaml");
        Files.writeString(plan, """
                plan: upgrade
                connections:
                  target: ${FERRY_TEST_TARGET}
                steps:
                  - {name: check, kind: check, target: "2.11"}
                  - {name: migrate, kind: migrate, migrations: builtin:ckan}
                """);

        FerryProcess.Result dry = FerryProcess.run(dir, "run", plan.toString(), "--set", "target=" + db.url(), "--dry-run");
        assertEquals(0, dry.exitCode(), dry.all());
        assertTrue(dry.out().contains("check target against CKAN 2.11's rules"), dry.out());

        FerryProcess.Result r = FerryProcess.run(dir, "run", plan.toString(), "--set", "target=" + db.url());
        assertEquals(3, r.exitCode(), r.all());
        assertTrue(r.out().contains("FAIL active-email"), r.out());
        assertTrue(r.err().contains("of target break CKAN 2.11's rules, listed above: active-email "), r.err());
        assertEquals("failed", db.queryString("SELECT status FROM ferry.plan_step WHERE step = 'check'"));
        assertEquals(null, db.queryString("SELECT to_regclass('public.ferry_schema_history')"), "migrate never ran");
        assertEquals(71, db.queryLong("SELECT version FROM migrate_version"));
    }

    @Test
    void anUnquotedTarget210IsNamedForWhatYamlMadeOfIt(TestDatabase db) throws Exception {
        Path plan = dir.resolve("p.yaml");
        Files.writeString(plan, "plan: p\nconnections:\n  target: " + db.url() + "\nsteps:\n"
                + "  - {name: check, kind: check, target: 2.10}\n");
        FerryProcess.Result r = FerryProcess.run(dir, "run", plan.toString());
        assertEquals(3, r.exitCode(), r.all());
        assertTrue(r.err().contains("plan step 'check' target 2.1 is not a CKAN version Ferry checks for; for CKAN 2.10 "
                + "write target: \"2.10\""), r.err());
    }

    private static JsonNode rule(JsonNode json, String id) {
        for (JsonNode rule : json.get("rules")) {
            if (rule.get("rule").asText().equals(id)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + id);
    }
}
