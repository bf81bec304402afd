package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.check.CatalogCheck;
import io.ferry.ckan.check.CheckReport;
import io.ferry.ckan.check.CkanVersion;
import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ferry ckan check}'s rules, each on handcrafted rows that break it beside rows that come close
 * without breaking it; the rules tied to a migration against what that migration refuses; and a
 * generated legacy catalog's own traps.
 */
@ExtendWith(PostgresExtension.class)
class CkanCheckTest {

    /** A legacy (CKAN 2.2) catalog in miniature with one or more rows breaking each rule. */
    static final String LEGACY_ROWS = """
            INSERT INTO "user" (id, name, email, state) VALUES
              ('u-ok', 'jane_doe-2', 'jane@example.org', 'active'),
              ('u-dot', 'alice.brown151', 'alice@example.org', 'active'),
              ('u-upper', 'Bob', 'shared@example.org', 'active'),
              ('u-new', 'new', 'shared@example.org', 'active'),
              ('u-short', 'x', 'shared@example.org', 'deleted'),
              ('u-long', repeat('a', 101), 'Jane@example.org', 'active'),
              ('u-lf', E'line\\n', NULL, 'active'),
              ('u-tab', E'tab\\tname', NULL, 'active'),
              ('u-nomail', 'nomail', NULL, 'active'),
              ('u-mail-dots', 'dots', 'john..smith@example.org', 'active'),
              ('u-mail-space', 'spaced', ' padded@example.org ', 'active'),
              ('u-mail-bad', 'nomailbox', 'not an address', 'deleted'),
              ('u-mail-empty', 'emptymail', '', 'active'),
              ('u-mail-lf', 'lfmail', E'lf@example.org\\n', 'active');
            INSERT INTO "group" (id, name, type, is_organization, state) VALUES
              ('g-ok', 'good-group', 'group', false, 'active'),
              ('g-bad', 'Bad Group', 'group', false, 'active'),
              ('o-ok', 'fine-org', 'organization', true, 'active'),
              ('o-bad', 'bad_org.', 'organization', true, 'deleted');
            INSERT INTO package (id, name, state, owner_org, author_email, maintainer_email) VALUES
              ('p-ok', 'good', 'active', 'o-ok', 'data@example.org', ''),
              ('p-bad', 'Bad_Name', 'active', 'fine-org', NULL, 'n/a'),
              ('p-edit', 'edit', 'deleted', NULL, '.dot@example.org', 'foi@example.gov.uk'),
              ('p-lost-org', 'lost-org', 'active', 'o-purged', NULL, NULL),
              ('p-no-org', 'no-org', 'active', '', NULL, NULL);
            INSERT INTO resource_group (id, package_id) VALUES ('rg-ok', 'p-ok'), ('rg-none', NULL);
            INSERT INTO resource (id, url, resource_group_id) VALUES
              ('r-ok', 'https://example.org/a.csv', 'rg-ok'),
              ('r-none', 'https://example.org/b.csv', 'rg-none'),
              ('r-nogroup', 'https://example.org/c.csv', NULL);
            INSERT INTO package_extra (id, package_id, key, value, state) VALUES
              ('e-1', 'p-ok', 'theme', '"a"', 'active'),
              ('e-2', 'p-ok', 'theme', '"b"', 'active'),
              ('e-3', 'p-bad', 'theme', '"a"', 'active'),
              ('e-4', 'p-bad', 'theme', '"b"', 'deleted'),
              ('e-5', 'p-bad', 'Theme', '"c"', 'active'),
              ('e-6', 'p-edit', NULL, '"d"', 'active'),
              ('e-7', 'p-edit', NULL, '"e"', 'active');
            INSERT INTO tag (id, name) VALUES
              ('t-ok', 'good tag_1.0-x'), ('t-amp', 'a&b'), ('t-short', 'x'), ('t-accent', 'café'),
              ('t-gone', 'bad/tag'), ('t-lf', E'ab\\n');
            INSERT INTO package_tag (id, package_id, tag_id, state) VALUES
              ('pt-1', 'p-ok', 't-ok', 'active'), ('pt-2', 'p-ok', 't-amp', 'active'),
              ('pt-3', 'p-ok', 't-short', 'active'), ('pt-4', 'p-ok', 't-accent', 'active'),
              ('pt-5', 'p-ok', 't-gone', 'deleted'), ('pt-6', 'p-ok', 't-lf', 'active');
            INSERT INTO member (id, table_id, table_name, capacity, group_id, state) VALUES
              ('m-ok', 'p-ok', 'package', 'public', 'g-ok', 'active');
            INSERT INTO package (id, name, state, type) VALUES
              ('hs-taken', 'taken', 'active', 'dataset'), ('hs-off', 'off-source', 'active', 'dataset'),
              ('hs-harvest', 'harvest-source', 'active', 'harvest');
            INSERT INTO harvest_source (id, url, type, active) VALUES
              ('hs-new', 'https://example.org/csw', 'gemini-csw', true),
              ('hs-taken', 'https://example.org/waf', 'gemini-waf', true),
              ('hs-off', 'https://example.org/off', 'dkan', false),
              ('hs-harvest', 'https://example.org/data.json', 'data_json', true);
            INSERT INTO harvest_object (id, guid, harvest_source_reference) VALUES
              ('ho-ok', 'g-1', 'g-1'), ('ho-null', 'g-2', NULL), ('ho-diff', 'g-3', 'ref-3');
            SET session_replication_role = replica;
            INSERT INTO package_extra (id, package_id, key, value, state) VALUES ('e-orphan', 'p-purged', 'k', 'v', 'active');
            INSERT INTO member (id, table_id, table_name, capacity, group_id, state)
              VALUES ('m-orphan', 'p-ok', 'package', 'public', 'g-purged', 'active');
            INSERT INTO package_tag (id, package_id, tag_id, state) VALUES ('pt-orphan', 'p-ok', 't-purged', 'active');
            INSERT INTO resource_group (id, package_id) VALUES ('rg-purged', 'p-purged');
            INSERT INTO resource (id, url, resource_group_id) VALUES ('r-purged', 'https://example.org/d.csv', 'rg-purged');
            RESET session_replication_role;
            """;

    @Test
    void eachRuleListsTheRowsThatBreakIt(TestDatabase db) {
        CkanSchemas.load(db, "legacy");
        db.execute(LEGACY_ROWS);

        CheckReport report = CatalogCheck.run(db.spec(), CkanVersion.V2_11);

        assertEquals("core 071, from migrate_version", report.core().toString());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("user-name", "u-upper=Bob u-long=" + "a".repeat(101) + " u-dot=alice.brown151 u-new=new u-tab=tab\tname u-short=x");
        expected.put("dataset-name", "p-bad=Bad_Name p-edit=edit");
        expected.put("group-name", "g-bad=Bad Group");
        expected.put("organization-name", "o-bad=bad_org.");
        expected.put("active-email", "u-new=shared@example.org u-upper=shared@example.org");
        expected.put("user-email", "u-mail-dots=john..smith@example.org u-mail-bad=not an address");
        expected.put("dataset-author-email", "p-edit=.dot@example.org");
        expected.put("dataset-maintainer-email", "p-bad=n/a");
        expected.put("resource-group", "r-nogroup=(none) r-none=rg-none");
        expected.put("resource-package", "r-nogroup=(none) r-none=(none) r-purged=p-purged");
        expected.put("duplicate-extra-key", "p-ok=theme p-edit=null");
        expected.put("tag-name", "t-amp=a&b t-short=x");
        expected.put("dataset-organization", "p-lost-org=o-purged");
        expected.put("harvest-object-reference", "ho-diff=ref-3");
        expected.put("harvest-source-dataset", "hs-taken=taken (type dataset, active)");
        expected.put("package-extra-package", "e-orphan=p-purged");
        expected.put("member-group", "m-orphan=g-purged");
        expected.put("group-extra-group", "");
        expected.put("package-tag-package", "");
        expected.put("package-tag-tag", "pt-orphan=t-purged");
        expected.put("resource-group-package", "rg-purged=p-purged");
        assertEquals(expected, found(report, false));
        // resource_view arrives with core 072: not in a 2.2 catalog.
        assertEquals("the catalog has no tables for it", finding(report, "resource-view-resource").reason());
        assertEquals(32, report.rows());

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\n         p-edit  (null)\n"), text);
        assertTrue(text.contains("\n         u-tab  tab\\x09name\n"), text);
    }

    @Test
    void aRuleAppliesFromTheVersionWhoseMigrationIntroducesIt(TestDatabase db) {
        CkanSchemas.load(db, "legacy");
        db.execute(LEGACY_ROWS);

        // CKAN's e-mail pattern gained its rules on dots in 2.9; 2.10 strips white space first.
        CheckReport for28 = CatalogCheck.run(db.spec(), CkanVersion.V2_8);
        assertEquals(List.of("u-mail-space", "u-mail-bad"), ids(finding(for28, "user-email")));
        assertEquals(0, finding(for28, "dataset-author-email").count());
        CheckReport for29 = CatalogCheck.run(db.spec(), CkanVersion.V2_9);
        assertEquals(List.of("u-mail-space", "u-mail-dots", "u-mail-bad"), ids(finding(for29, "user-email")));
        assertEquals(List.of("p-edit"), ids(finding(for29, "dataset-author-email")));
        assertEquals("applies from CKAN 2.10 on", finding(for29, "active-email").reason());
        assertEquals("applies from CKAN 2.11 on", finding(for29, "resource-package").reason());
        assertEquals(2, finding(for29, "resource-group").count());
        assertEquals(6, finding(for29, "user-name").count());

        CheckReport for210 = CatalogCheck.run(db.spec(), CkanVersion.V2_10);
        assertEquals(2, finding(for210, "active-email").count());
        assertFalse(finding(for210, "resource-package").applies());
        assertEquals(3, finding(CatalogCheck.run(db.spec(), CkanVersion.V2_11), "resource-package").count());
    }

    /** On CKAN 2.9's tables, the check names the rows core 102 and 105 then refuse, and only those. */
    @Test
    void theMigrationRulesNameWhatStagedCore102And105Refuse(TestDatabase db) {
        CkanSchemas.load(db, "ckan-2.9");
        db.execute(Core211MigrationTest.CKAN29_DATA);
        db.execute("""
                UPDATE "user" SET email = 'jane@example.org' WHERE id = 'u-2';
                INSERT INTO resource (id, url, state, package_id) VALUES
                  ('res-lost', 'https://example.org/lost.csv', 'active', ''),
                  ('res-purged', 'https://example.org/purged.csv', 'deleted', 'pkg-purged');
                """);

        CheckReport report = CatalogCheck.run(db.spec(), CkanVersion.V2_11);
        assertEquals("core 100, from alembic_version ccd38ad5fced", report.core().toString());
        assertEquals("u-1=jane@example.org u-2=jane@example.org", found(report, true).get("active-email"));
        assertEquals("res-lost= res-purged=pkg-purged", found(report, true).get("resource-package"));
        assertEquals(Map.of("active-email", "u-1=jane@example.org u-2=jane@example.org",
                "resource-package", "res-lost= res-purged=pkg-purged"), found(report, true));
        assertFalse(finding(report, "resource-group").applies());
        assertTrue(finding(report, "resource-view-resource").applies());

        FerryException at102 = assertThrows(FerryException.class, () -> CkanSchemas.migrateCore(db));
        assertTrue(at102.getMessage().contains("first_users_sharing_an_email=u-1 u-2"), at102.getMessage());
        db.execute("UPDATE \"user\" SET email = 'joe@example.org' WHERE id = 'u-2'");
        CkanSchemas.repair(db);
        FerryException at105 = assertThrows(FerryException.class, () -> CkanSchemas.migrateCore(db));
        assertTrue(at105.getMessage().contains("first_resources_without_package=res-lost res-purged"), at105.getMessage());
        assertEquals(ErrorCode.ASSERTION_FAILED, at105.code());

        db.execute("DELETE FROM resource WHERE id IN ('res-lost', 'res-purged')");
        assertEquals(0, CatalogCheck.run(db.spec(), CkanVersion.V2_11).rows());
        CkanSchemas.repair(db);
        CkanSchemas.migrateCore(db);
        CheckReport after = CatalogCheck.run(db.spec(), CkanVersion.V2_11);
        assertEquals("core 105, from alembic_version 4a5e3465beb6", after.core().toString());
        assertEquals(0, after.rows());
    }

    /** The generator's traps: shared e-mails in the legacy catalog; names made of full names by dgu 009; none after the pack. */
    @Test
    void aGeneratedLegacyCatalogBreaksTheEmailRuleAndAfterDguTheNameRule(TestDatabase db) {
        CatalogGenerator.generate(db.spec(), new GenerateOptions(100, 1, HarvestShape.DGU), line -> {
        });

        CheckReport legacy = CatalogCheck.run(db.spec(), CkanVersion.V2_11);
        CheckReport.Finding emails = finding(legacy, "active-email");
        assertTrue(emails.count() >= 2, emails.toString());
        assertTrue(emails.examples().stream().allMatch(e -> e.value().contains("-shared")), emails.toString());
        assertEquals(emails.count(), db.queryLong("SELECT count(*) FROM \"user\" u WHERE state = 'active' AND email IN "
                + "(SELECT email FROM \"user\" WHERE state = 'active' GROUP BY email HAVING count(*) > 1)"));
        assertEquals(0, finding(legacy, "user-name").count()); // user_d<uid>

        // dgu's steps up to 014 write full names (alice.brown151), which CKAN refuses.
        CkanSchemas.migrateModule(db, "dgu", "dgu@14");
        CheckReport renamed = CatalogCheck.run(db.spec(), CkanVersion.V2_11);
        CheckReport.Finding names = finding(renamed, "user-name");
        assertEquals(db.queryLong("SELECT count(*) FROM \"user\" WHERE name LIKE '%.%'"), names.count());
        assertTrue(names.examples().stream().allMatch(e -> e.value().contains(".")), names.toString());
        assertEquals(CheckReport.EXAMPLES, names.examples().size());

        // The whole pack (dgu 015/016 decide names and addresses): nothing left for CKAN 2.11 to refuse.
        CkanSchemas.migrateAll(db);
        CheckReport migrated = CatalogCheck.run(db.spec(), CkanVersion.V2_11);
        assertEquals("core 105, from alembic_version 4a5e3465beb6", migrated.core().toString());
        assertEquals(0, migrated.rows(), migrated.toString());
    }

    @Test
    void aDatabaseWithoutACatalogIsRefused(TestDatabase db) {
        db.execute("CREATE TABLE something (id int)");
        FerryException e = assertThrows(FerryException.class, () -> CatalogCheck.run(db.spec(), CkanVersion.V2_11));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().endsWith("holds no CKAN catalog (no package or user table in its schema public)"),
                e.getMessage());
        assertEquals(ErrorCode.USAGE, assertThrows(FerryException.class, () -> CkanVersion.parse("2.12")).code());
        assertEquals("unknown CKAN version '2.1': Ferry checks for 2.8, 2.9, 2.10, 2.11",
                assertThrows(FerryException.class, () -> CkanVersion.parse("2.1")).getMessage());
    }

    private static CheckReport.Finding finding(CheckReport report, String rule) {
        return report.findings().stream().filter(f -> f.rule().id().equals(rule)).findFirst().orElseThrow();
    }

    /** Rule id -> its examples as "id=value" in report order, for the rules that apply (only the broken ones if asked). */
    private static Map<String, String> found(CheckReport report, boolean brokenOnly) {
        Map<String, String> out = new LinkedHashMap<>();
        for (CheckReport.Finding f : report.findings()) {
            if (!f.applies() || (brokenOnly && f.count() == 0)) {
                continue;
            }
            assertEquals(Math.min(f.count(), CheckReport.EXAMPLES), f.examples().size(), f.rule().id());
            out.put(f.rule().id(), String.join(" ", f.examples().stream().map(e -> e.id() + "=" + e.value()).toList()));
        }
        return out;
    }

    static List<String> ids(CheckReport.Finding f) {
        return f.examples().stream().map(CheckReport.Example::id).toList();
    }
}
