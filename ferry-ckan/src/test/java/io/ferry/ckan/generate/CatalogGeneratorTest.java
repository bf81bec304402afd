package io.ferry.ckan.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.migrate.MigrateOptions;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationSources;
import io.ferry.migrate.Migrator;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link CatalogGenerator} on the embedded PostgreSQL: deterministic, complete, consistent, and trapped on purpose. */
@ExtendWith(PostgresExtension.class)
class CatalogGeneratorTest {
    /** Every table the generator promises to fill. */
    static final List<String> FILLED = List.of("revision", "\"user\"", "\"group\"", "group_revision", "group_extra",
            "group_extra_revision", "member", "member_revision", "package", "package_revision", "package_extra",
            "package_extra_revision", "vocabulary", "tag", "package_tag", "package_tag_revision", "resource_group",
            "resource_group_revision", "resource", "resource_revision", "activity", "activity_detail",
            "harvest_source", "harvest_job", "harvest_object", "harvest_object_extra", "harvest_gather_error",
            "harvest_object_error", "harvest_coupled_resource", "related", "related_dataset", "data_cache",
            "user_object_role", "system_role", "package_role", "group_role", "system_info", "system_info_revision");

    /** A checksum over whole rows of the tables most of the generator's logic shows in. */
    static final String CHECKSUM = """
            SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
              SELECT p::text AS t FROM package p UNION ALL SELECT r::text FROM resource r
              UNION ALL SELECT u::text FROM "user" u UNION ALL SELECT e::text FROM package_extra e
              UNION ALL SELECT m::text FROM member m UNION ALL SELECT o::text FROM harvest_object o
              UNION ALL SELECT pr::text FROM package_revision pr UNION ALL SELECT t::text FROM tag t
              UNION ALL SELECT pt::text FROM package_tag pt UNION ALL SELECT v::text FROM vocabulary v) AS rows""";

    static CatalogGenerator.Result generate(TestDatabase db, int datasets, long seed) {
        return CatalogGenerator.generate(db.spec(), new GenerateOptions(datasets, seed, HarvestShape.DGU), line -> {
        });
    }

    @Test
    void theSameSeedGivesTheSameCatalogAndAnotherSeedAnotherOne(TestDatabase a, TestDatabase b, TestDatabase c) {
        generate(a, 300, 7);
        generate(b, 300, 7);
        generate(c, 300, 8);
        String first = a.queryString(CHECKSUM);
        assertEquals(first, b.queryString(CHECKSUM));
        assertNotEquals(first, c.queryString(CHECKSUM));
    }

    @Test
    void fillsEveryTableWithConsistentRows(TestDatabase db) {
        CatalogGenerator.Result result = generate(db, 500, 1);
        for (String table : FILLED) {
            long rows = db.queryLong("SELECT count(*) FROM " + table);
            assertTrue(rows > 0, table + " is empty");
            assertEquals(rows, result.rows().get(table.replace("\"", "")), table);
        }
        assertEquals(500, db.queryLong("SELECT count(*) FROM package"));
        // The keys set aside for the load are all back, foreign keys included (and so were checked).
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_constraint WHERE NOT convalidated"));
        assertTrue(db.queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = "
                + "'public'::regnamespace") > 80);
        // Every user member is a user, every dataset member a dataset, every resource reaches its
        // dataset through its resource group.
        assertEquals(0, db.queryLong("SELECT count(*) FROM member m WHERE table_name = 'user' "
                + "AND NOT EXISTS (SELECT 1 FROM \"user\" u WHERE u.id = m.table_id)"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM member m WHERE table_name = 'package' "
                + "AND NOT EXISTS (SELECT 1 FROM package p WHERE p.id = m.table_id)"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM resource r LEFT JOIN resource_group g "
                + "ON g.id = r.resource_group_id LEFT JOIN package p ON p.id = g.package_id WHERE p.id IS NULL"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM package_extra e "
                + "WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = e.package_id)"));
        // Every dataset has its revisions: exactly one current, the live row at the newest.
        assertEquals(0, db.queryLong("SELECT count(*) FROM package p WHERE metadata_modified IS NULL OR "
                + "(SELECT count(*) FROM package_revision r WHERE r.continuity_id = p.id AND r.current) <> 1 OR "
                + "p.revision_id <> (SELECT r.revision_id FROM package_revision r WHERE r.id = p.id AND r.current)"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM package_revision WHERE revision_timestamp IS NULL"));
        // Datasets public, private, deleted and draft; organograms with the DGU schema extra; every harvest type.
        assertEquals("active,deleted,draft", db.queryString("SELECT string_agg(DISTINCT state, ',') FROM package"));
        assertTrue(db.queryLong("SELECT count(*) FROM package WHERE private") > 0);
        assertTrue(db.queryLong("SELECT count(*) FROM package_extra WHERE key = 'schema' "
                + "AND value LIKE '%d3c0b23f-6979-45e4-88ed-d2ab59b005d0%'") > 0);
        assertTrue(db.queryLong("SELECT count(*) FROM resource WHERE url LIKE "
                + "'https://data.gov.uk/sites/default/files/organogram/%.csv'") > 0);
        assertEquals("data_json,dkan,gemini-csw,gemini-single,gemini-waf",
                db.queryString("SELECT string_agg(DISTINCT type, ',' ORDER BY type) FROM harvest_source"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM harvest_source "
                + "WHERE id = '2c798023-abac-4785-ad19-67bd5c1aed63'"));
        for (String key : List.of("theme-primary", "schema", "individual_resources", "harvest_object_id")) {
            assertTrue(db.queryLong("SELECT count(*) FROM package_extra WHERE key = '" + key + "'") > 0, key);
        }
        // Some datasets carry tags of each vocabulary, beside their free tags.
        assertEquals("country,theme", db.queryString("SELECT string_agg(DISTINCT v.name, ',' ORDER BY v.name) "
                + "FROM package_tag pt JOIN tag t ON t.id = pt.tag_id JOIN vocabulary v ON v.id = t.vocabulary_id"));
        // The serial behind system_info continues after the generated settings.
        db.execute("INSERT INTO system_info (key, value) VALUES ('ckan.site_logo', 'logo.png')");
    }

    @Test
    void theConversionTrapsArePresent(TestDatabase db) {
        generate(db, 500, 3);
        assertEquals(1, db.queryLong("SELECT count(*) FROM \"user\" WHERE fullname = '2ndline' AND sysadmin"));
        assertTrue(db.queryLong("SELECT count(*) FROM \"user\" WHERE sysadmin AND fullname IS NULL") >= 2);
        assertTrue(db.queryLong("SELECT count(*) FROM \"user\" WHERE sysadmin IS NULL") >= 1);
        assertTrue(db.queryLong("SELECT count(*) FROM \"user\" u WHERE fullname IS NULL AND EXISTS "
                + "(SELECT 1 FROM member m WHERE m.table_id = u.id AND m.capacity = 'admin')") >= 1);
        // Shared full names: one pair with an inactive twin, one pair both active; all of them publish.
        assertTrue(db.queryLong("SELECT count(*) FROM (SELECT fullname FROM \"user\" GROUP BY fullname "
                + "HAVING count(*) = 2 AND count(*) FILTER (WHERE state = 'active') = 1) AS pairs") >= 1);
        assertTrue(db.queryLong("SELECT count(*) FROM (SELECT fullname FROM \"user\" GROUP BY fullname "
                + "HAVING count(*) = 2 AND bool_and(state = 'active')) AS pairs") >= 1);
        assertEquals(0, db.queryLong("SELECT count(*) FROM \"user\" u WHERE fullname IN (SELECT fullname FROM \"user\" "
                + "GROUP BY 1 HAVING count(*) > 1) AND NOT EXISTS (SELECT 1 FROM member m WHERE m.table_id = u.id)"));
        // Users who publish nothing, of every state.
        assertTrue(db.queryLong("SELECT count(*) FROM \"user\" u WHERE NOT sysadmin AND NOT EXISTS "
                + "(SELECT 1 FROM member m WHERE m.table_id = u.id)") > 100);
    }

    @Test
    void theCoreModuleUpgradesAGeneratedCatalogToCkan28(TestDatabase db) {
        generate(db, 500, 5);
        long resources = db.queryLong("SELECT count(*) FROM resource");
        ClassLoader loader = getClass().getClassLoader();
        MigrationSet set = MigrationSet.load(MigrationSources.resolve("builtin:ckan", loader), loader);
        Migrator.Result result = new Migrator(db.spec(), set, MigrationListener.NONE).migrate(new MigrateOptions(
                Optional.of("core"), Optional.of(MigrateOptions.Target.parse("core@86")), false, false,
                Duration.ofSeconds(30), Duration.ofSeconds(30), 0));
        assertEquals("86", result.versions().get("core").toString());
        assertEquals(15, result.applied().size());
        assertEquals(resources, db.queryLong("SELECT count(*) FROM resource WHERE package_id <> ''"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM package WHERE metadata_created IS NULL"));
        // Related items existed, so 083 kept them.
        assertTrue(db.queryLong("SELECT count(*) FROM related") > 0);
    }

    @Test
    void refusesADatabaseThatIsNotEmpty(TestDatabase db) {
        db.execute("CREATE TABLE precious (id int)");
        FerryException e = assertThrows(FerryException.class, () -> generate(db, 10, 1));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("public.precious"), e.getMessage());
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    @Test
    void thePreV2HarvestShapeHasTheOldTables(TestDatabase db) {
        CatalogGenerator.generate(db.spec(), new GenerateOptions(200, 1, HarvestShape.PRE_V2), line -> {
        });
        assertNull(db.queryString("SELECT to_regclass('harvest_object_extra')"));
        assertNull(db.queryString("SELECT to_regclass('harvest_coupled_resource')"));
        assertEquals("id,url,description,config,created,type,active,user_id,publisher_id",
                db.queryString("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) "
                        + "FROM information_schema.columns WHERE table_name = 'harvest_source'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'harvest_object' AND column_name IN ('current', 'harvest_source_id', 'state')"));
        assertTrue(db.queryLong("SELECT count(*) FROM harvest_object WHERE package_id IS NOT NULL") > 0);
        assertTrue(db.queryLong("SELECT count(*) FROM harvest_job") > 0);
    }
}
