package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ckan.generate.HarvestShape;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The end of the CKAN pack's road: a CKAN 2.8 catalog, and a legacy data.gov.uk catalog of either
 * harvest shape, taken through every module (core to CKAN 2.11's 105, harvest to
 * ckanext-harvest's head, the activity and tracking plugins) have exactly the schema of
 * {@code ckan-2.11.sql}, column order included, with every version table at its head; and the legacy
 * run loses no row but those its steps delete on purpose, in the numbers those steps counted.
 */
@ExtendWith(PostgresExtension.class)
class Ckan211ModelTest {
    private static final String DUPLICATE_SOURCE = "2c798023-abac-4785-ad19-67bd5c1aed63";

    /**
     * What a CKAN 2.8 site has beyond {@link Core29MigrationTest#CKAN28_DATA}: a rating, page views
     * and their summary, and a harvest source with its dataset (today's extension keeps one per
     * source), a job, an object and its extra.
     */
    static final String CKAN28_MORE_DATA = """
            INSERT INTO rating (id, user_id, rating, created, package_id) VALUES ('rt-1', 'u-2', 4.0, '2017-06-01', 'pkg-1');
            INSERT INTO tracking_raw (user_key, url, tracking_type, access_timestamp) VALUES
              ('k-1', '/dataset/spend', 'page', '2018-01-01 10:00:00'),
              ('k-1', '/dataset/spend', 'page', '2018-01-01 10:05:00'),
              ('k-2', '/dataset/traffic', 'page', '2018-01-01 10:00:00');
            INSERT INTO tracking_summary (url, package_id, tracking_type, count, running_total, recent_views, tracking_date)
              VALUES ('/dataset/spend', 'pkg-1', 'page', 2, 2, 2, '2018-01-01');
            INSERT INTO package (id, name, title, revision_id, state, type, owner_org, private, metadata_modified,
                                 creator_user_id, metadata_created)
              VALUES ('hs-1', 'spend-feed', 'Spend feed', 'rev-2', 'active', 'harvest', 'org-1', false,
                      '2017-05-10 16:40:00', 'u-1', '2017-05-10 16:40:00');
            INSERT INTO harvest_source (id, url, title, type, active, user_id, publisher_id, frequency, created)
              VALUES ('hs-1', 'https://example.org/data.json', 'Spend feed', 'dcat_json', true, 'u-1', 'org-1',
                      'MANUAL', '2017-05-10 16:40:00');
            INSERT INTO harvest_job (id, created, source_id, status) VALUES ('hj-1', '2017-05-11', 'hs-1', 'Finished');
            INSERT INTO harvest_object (id, guid, current, harvest_job_id, harvest_source_id, package_id, state,
                                        report_status)
              VALUES ('ho-1', 'spend', true, 'hj-1', 'hs-1', 'pkg-1', 'COMPLETE', 'updated');
            INSERT INTO harvest_object_extra (id, harvest_object_id, key, value) VALUES ('hoe-1', 'ho-1', 'status', 'new');
            """;

    @Test
    void aCkan28CatalogUpgradedThroughEveryModuleIsExactlyTheCkan211Model(TestDatabase db) {
        CkanSchemas.load(db, "ckan-2.8");
        db.execute(Core29MigrationTest.CKAN28_DATA + CKAN28_MORE_DATA);

        // A CKAN 2.8 site has no data.gov.uk conversion to run: core first (the plugins need 105), then
        // the plugins' modules.
        List<String> applied = new ArrayList<>();
        for (String module : List.of("core", "harvest", "activity", "tracking")) {
            CkanSchemas.migrateModule(db, module).applied().forEach(m -> applied.add(m.module() + " " + m.version()));
        }

        List<String> expected = new ArrayList<>();
        IntStream.rangeClosed(87, 105).forEach(v -> expected.add("core " + v));
        IntStream.rangeClosed(1, 8).forEach(v -> expected.add("harvest " + v));
        IntStream.rangeClosed(1, 3).forEach(v -> expected.add("activity " + v));
        expected.add("tracking 1");
        assertEquals(expected, applied);
        assertEquals("", CkanSchemas.differencesFromCkan211(db), "the upgraded database differs from ckan-2.11.sql");
        assertAtEveryHead(db);
        // The data came along: the page views under their new key, the source and its dataset, the rating gone.
        assertEquals(3, db.queryLong("SELECT count(*) FROM tracking_raw"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM harvest_object_extra"));
        assertEquals(3, db.queryLong("SELECT count(*) FROM package"));
        assertEquals("1", capture(db, "core", 105, "ratings"));
    }

    @ParameterizedTest
    @EnumSource(HarvestShape.class)
    void aLegacyCatalogThroughEveryModuleIsExactlyTheCkan211ModelAndLosesOnlyWhatItsStepsDelete(
            HarvestShape shape, TestDatabase db) {
        HarvestMigrationTest.generate(db, shape);
        // Anonymous ratings (the generator writes none), so that 105's drop has something to count.
        db.execute("""
                INSERT INTO rating (id, user_ip_address, rating, created, package_id)
                SELECT 'rt-' || id, '192.0.2.1', 5.0, metadata_modified, id FROM package ORDER BY id LIMIT 2;
                """);
        Map<String, Long> before = rowsPerTable(db);
        Map<String, Long> hanging = rowsHangingFromDeletedRows(db);

        CkanSchemas.migrateAll(db);

        assertEquals("", CkanSchemas.differencesFromCkan211(db), "the upgraded database differs from ckan-2.11.sql");
        assertAtEveryHead(db);
        assertTrue(CkanSchemas.migrateAll(db).applied().isEmpty(), "nothing is left to do");

        // Rows per table, before and after. Harvest 006 adds the source datasets, with their extras and
        // organization memberships: those rows are left out of the after counts, so that what remains is
        // what the catalog had.
        Map<String, Long> after = rowsPerTable(db);
        after.merge("package", -db.queryLong("SELECT count(*) FROM package WHERE type = 'harvest'"), Long::sum);
        after.merge("package_extra", -db.queryLong("SELECT count(*) FROM package_extra e JOIN package p "
                + "ON p.id = e.package_id WHERE p.type = 'harvest'"), Long::sum);
        after.merge("member", -db.queryLong("SELECT count(*) FROM member m JOIN package p ON p.id = m.table_id "
                + "WHERE p.type = 'harvest'"), Long::sum);
        Map<String, Long> lost = new TreeMap<>();
        before.forEach((table, rows) -> {
            long left = after.getOrDefault(table, 0L);
            if (left < rows) {
                lost.put(table, rows - left);
            }
        });

        assertEquals(deliberateDeletions(db, before, hanging), lost,
                "every lost row is one a step deletes on purpose, in the number it counted");
        // The catalog exercises the deletions named above: dgu's users, 088's deleted extras, 105's ratings.
        assertTrue(num(db, "dgu", 7, "users") > num(db, "dgu", 7, "keep"));
        assertTrue(num(db, "core", 88, "deleted_package_extras") > 0);
        assertEquals(2, num(db, "core", 105, "ratings"));
    }

    /**
     * The rows the steps delete on purpose, per table, each from what the deleting step captured; where
     * a step counts only the rows it was asked to remove (extras, the duplicate harvest source), the
     * rows hanging from those as counted before the run. Tables with nothing to lose are left out.
     */
    private static Map<String, Long> deliberateDeletions(TestDatabase db, Map<String, Long> before,
            Map<String, Long> hanging) {
        Map<String, Long> out = new TreeMap<>();
        // dgu 001: the resource-list extras, with their revision rows; core 088: the extras in state
        // deleted (their revision rows stay).
        out.put("package_extra", num(db, "dgu", 1, "removed") + num(db, "core", 88, "deleted_package_extras"));
        out.put("group_extra", num(db, "core", 88, "deleted_group_extras"));
        // dgu 007: users who are neither a publisher's admin or editor nor a sysadmin.
        out.put("\"user\"", num(db, "dgu", 7, "users") - num(db, "dgu", 7, "keep"));
        // dgu 011: the duplicate harvest source, its objects, and what hangs from them.
        out.put("harvest_source", num(db, "dgu", 11, "present"));
        out.put("harvest_object", num(db, "dgu", 11, "its_objects"));
        out.putAll(hanging);
        // dgu 013: related items emptied (core 083 then drops the tables); dgu 014: DGU's own tables.
        out.put("related", num(db, "dgu", 13, "related_items"));
        out.put("related_dataset", num(db, "dgu", 13, "related_datasets"));
        out.put("data_cache", num(db, "dgu", 14, "cached"));
        out.put("harvest_coupled_resource", num(db, "dgu", 14, "coupled_resources"));
        // core 078: CKAN's old authorization model; package_role, group_role and system_role rows are
        // each one of user_object_role's rows.
        out.put("user_object_role", num(db, "core", 78, "user_object_roles"));
        out.put("role_action", num(db, "core", 78, "role_actions"));
        long roles = before.get("package_role") + before.get("group_role") + before.get("system_role")
                + before.get("authorization_group_role");
        assertEquals(num(db, "core", 78, "user_object_roles"), roles, "078 counted every role row");
        out.put("package_role", before.get("package_role"));
        out.put("group_role", before.get("group_role"));
        out.put("system_role", before.get("system_role"));
        out.put("authorization_group_role", before.get("authorization_group_role"));
        // core 087: authorization groups.
        out.put("authorization_group", num(db, "core", 87, "authorization_groups"));
        out.put("authorization_group_user", num(db, "core", 87, "authorization_group_users"));
        // core 074: resource groups, folded into resource.package_id (no resource lost its dataset).
        assertEquals(0, num(db, "core", 74, "resources_without_package"));
        out.put("resource_group", before.get("resource_group"));
        out.put("resource_group_revision", before.get("resource_group_revision"));
        // core 090: CKAN's old bookkeeping, replaced by alembic_version.
        out.put("migrate_version", before.get("migrate_version"));
        // core 105: ratings.
        out.put("rating", num(db, "core", 105, "ratings"));
        out.values().removeIf(rows -> rows == 0);
        return out;
    }

    /**
     * Rows that go with what a step deletes, which the step does not count itself: the revision rows
     * of the resource-list extras (dgu 001), the duplicate harvest source's jobs and its objects'
     * extras and errors (dgu 011).
     */
    private static Map<String, Long> rowsHangingFromDeletedRows(TestDatabase db) {
        String jobs = "SELECT id FROM harvest_job WHERE source_id = '" + DUPLICATE_SOURCE + "'";
        String objects = "SELECT id FROM harvest_object WHERE harvest_job_id IN (" + jobs + ")";
        Map<String, Long> out = new TreeMap<>();
        out.put("package_extra_revision", db.queryLong("SELECT count(*) FROM package_extra_revision WHERE continuity_id "
                + "IN (SELECT id FROM package_extra WHERE key IN ('individual_resources', 'additional_resources', "
                + "'timeseries_resources'))"));
        out.put("harvest_job", db.queryLong("SELECT count(*) FROM (" + jobs + ") AS j"));
        out.put("harvest_gather_error", db.queryLong("SELECT count(*) FROM harvest_gather_error WHERE harvest_job_id IN ("
                + jobs + ")"));
        out.put("harvest_object_error", db.queryLong("SELECT count(*) FROM harvest_object_error "
                + "WHERE harvest_object_id IN (" + objects + ")"));
        if (db.queryString("SELECT to_regclass('harvest_object_extra')") != null) {
            out.put("harvest_object_extra", db.queryLong("SELECT count(*) FROM harvest_object_extra "
                    + "WHERE harvest_object_id IN (" + objects + ")"));
        }
        return out;
    }

    /** CKAN's and each plugin's version table at its head revision, and Ferry's modules at their last step. */
    private static void assertAtEveryHead(TestDatabase db) {
        assertNull(db.queryString("SELECT to_regclass('migrate_version')"));
        assertEquals("4a5e3465beb6", db.queryString("SELECT string_agg(version_num, ',') FROM alembic_version"));
        assertEquals("fab3bfdcf830", db.queryString("SELECT string_agg(version_num, ',') FROM activity_alembic_version"));
        assertEquals("6313f7679d5f", db.queryString("SELECT string_agg(version_num, ',') FROM tracking_alembic_version"));
        assertEquals("75d650dfd519", db.queryString("SELECT string_agg(version_num, ',') FROM harvest_alembic_version"));
        assertEquals("activity=3,core=105,harvest=8,tracking=1", db.queryString("SELECT string_agg(module || '=' || v, ',' "
                + "ORDER BY module) FROM (SELECT module, max(version::int) AS v FROM ferry_schema_history "
                + "WHERE success AND module <> 'dgu' GROUP BY module) AS m"));
    }

    private static Map<String, Long> rowsPerTable(TestDatabase db) {
        Map<String, Long> out = new TreeMap<>();
        String tables = db.queryString("SELECT string_agg(quote_ident(tablename), ',') FROM pg_tables "
                + "WHERE schemaname = current_schema() AND tablename <> 'ferry_schema_history'");
        for (String table : tables.split(",")) {
            out.put(table, db.queryLong("SELECT count(*) FROM " + table));
        }
        return out;
    }

    private static String capture(TestDatabase db, String module, int version, String name) {
        return db.queryString("SELECT assertions->'captures'->>'" + name + "' FROM ferry_schema_history "
                + "WHERE module = '" + module + "' AND version = " + version);
    }

    private static long num(TestDatabase db, String module, int version, String name) {
        String value = capture(db, module, version, name);
        if (value == null) {
            throw new AssertionError(module + " " + version + " recorded no capture " + name);
        }
        return Long.parseLong(value);
    }
}
