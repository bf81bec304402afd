package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.Json;
import io.ferry.ckan.datastore.DataStoreRoles;
import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.DataStoreGenerator;
import io.ferry.ckan.generate.DataStoreOptions;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.plan.report.ReportLayout;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry run plans/dgu.yaml} end to end as real processes, on one small generated legacy
 * catalog: the plan finishes with its verify step passing, the HTML report renders in headless
 * Chromium, and a run killed with {@code kill -9} in the middle of a step resumes to the same result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunPlanCliTest {
    static final Path DGU = Path.of("..", "plans", "dgu.yaml");

    Path dir;

    TestDatabase source;
    TestDatabase target;
    TestDatabase datastoreSource;
    TestDatabase datastoreTarget;
    FerryProcess.Result run;
    Path reportDir;

    @BeforeAll
    void runThePlanOnce(@TempDir Path tmp) throws Exception {
        dir = tmp;
        source = PostgresExtension.newDatabase("plan_source");
        GenerateOptions catalog = new GenerateOptions(150, 7, HarvestShape.DGU, 2);
        CatalogGenerator.generate(source.spec(), catalog, line -> { });
        // The site's DataStore beside it, with CKAN's default role names (which the plan defaults to).
        datastoreSource = PostgresExtension.newDatabase("plan_datastore_source");
        DataStoreGenerator.generate(source.spec(), datastoreSource.spec(), DataStoreGenerator.select(catalog,
                new DataStoreOptions(DataStoreOptions.SCALED, 500, DataStoreRoles.defaults())), line -> { });
        target = PostgresExtension.newDatabase("plan_target");
        datastoreTarget = PostgresExtension.newDatabase("plan_datastore_target");
        reportDir = dir.resolve("report");
        run = FerryProcess.run(dir, "run", DGU.toString(), "--set", "source=" + source.url(),
                "--set", "target=" + target.url(), "--set", "datastore_source=" + datastoreSource.url(),
                "--set", "datastore_target=" + datastoreTarget.url(), "--report-dir", reportDir.toString());
    }

    @Test
    void theDguPlanMovesConvertsAndVerifiesTheCatalog() throws Exception {
        assertEquals(0, run.exitCode(), run.all());
        assertEquals(8, target.queryLong("SELECT count(*) FROM ferry.plan_step WHERE plan = 'dgu' AND status = 'finished'"));
        // The harvest module makes every active harvest source left after dgu a dataset of type harvest.
        long activeSources = target.queryLong("SELECT count(*) FROM harvest_source WHERE active");
        assertTrue(activeSources > 0);
        assertEquals(source.queryLong("SELECT count(*) FROM package") + activeSources,
                target.queryLong("SELECT count(*) FROM package"));
        assertEquals(activeSources, target.queryLong("SELECT count(*) FROM package WHERE type = 'harvest'"));
        assertTrue(source.queryLong("SELECT count(*) FROM package_tag") > 0);
        assertEquals(0, target.queryLong("SELECT count(*) FROM package_tag"));
        assertEquals(0, target.queryLong("SELECT count(*) FROM tag"));
        // CKAN 2.11: core and each plugin at its head, CKAN's 2.8 bookkeeping gone.
        assertEquals("4a5e3465beb6 fab3bfdcf830 75d650dfd519 6313f7679d5f", target.queryString(
                "SELECT concat_ws(' ', (SELECT version_num FROM alembic_version), (SELECT version_num FROM activity_alembic_version), "
                + "(SELECT version_num FROM harvest_alembic_version), (SELECT version_num FROM tracking_alembic_version))"));
        assertNull(target.queryString("SELECT to_regclass('migrate_version')::text"));
        assertTrue(target.queryLong("SELECT count(*) FROM ferry.ckan_demoted_sysadmin") > 0);

        JsonNode report = Json.compact().readTree(reportDir.resolve("report.json").toFile());
        JsonNode verification = report.path("verification").get(0);
        assertTrue(verification.path("matches").asBoolean(), report.toPrettyString());
        assertEquals(0, verification.path("differences").size(), report.toPrettyString());
        // The search index: every dataset CKAN indexes (all but deleted ones), checked against the index.
        JsonNode index = report.path("index_verification").get(0);
        assertTrue(index.path("clean").asBoolean(), report.toPrettyString());
        assertEquals(target.queryLong("SELECT count(*) FROM package WHERE state <> 'deleted'"),
                index.path("index").asLong());
        assertTrue(report.path("assertions").size() > 10, "the dgu and core migrations' assertions are reported");
        assertTrue(report.path("demoted_sysadmins").size() > 0);
        JsonNode packages = null;
        for (JsonNode t : report.path("tables")) {
            if (t.path("table").asText().equals("public.package")) {
                packages = t;
            }
        }
        assertEquals(source.queryLong("SELECT count(*) FROM package"), packages.path("before").asLong());
        assertEquals(target.queryLong("SELECT count(*) FROM package"), packages.path("after").asLong());
        assertTrue(run.out().contains("Report: " + reportDir.resolve("report.html").toAbsolutePath()), run.out());
        assertTrue(Files.readString(reportDir.resolve("report.md")).contains("| verify-schema | verify | finished |"));
    }

    /** The DataStore moved beside the catalog: every table, owned by the write role, readable by the read role, checked. */
    @Test
    void theDataStoreMovesWithItsRolesAndIsCheckedAgainstTheCatalog() throws Exception {
        assertEquals(0, run.exitCode(), run.all());
        String tables = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'";
        assertTrue(datastoreSource.queryLong(tables) > 5);
        assertEquals(datastoreSource.queryLong(tables), datastoreTarget.queryLong(tables));
        assertEquals(0, datastoreTarget.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                + "AND tableowner <> 'ckan_default'"));
        assertEquals(0, datastoreTarget.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
                + "AND NOT has_table_privilege('datastore_default', format('%I.%I', schemaname, tablename), 'SELECT')"));
        assertTrue(target.queryString("SELECT summary FROM ferry.plan_step WHERE step = 'check-datastore'")
                .startsWith("the DataStore agrees with the catalog and its roles"));
        assertTrue(Files.readString(reportDir.resolve("report.md")).contains("| check-datastore | datastore-check | finished |"));
    }

    @Test
    void theReportShowsItsOwnStepFinishedAndOnlyTheCatalogsTables() throws Exception {
        assertEquals(0, run.exitCode(), run.all());
        JsonNode report = Json.compact().readTree(reportDir.resolve("report.json").toFile());
        for (JsonNode step : report.path("steps")) {
            assertEquals("finished", step.path("status").asText(), step.toString());
            assertTrue(step.has("duration_ms"), step.toString());
        }
        String md = Files.readString(reportDir.resolve("report.md"));
        assertTrue(md.contains("| report | report | finished |"), md);
        assertFalse(md.contains("running"), md);

        // Ferry's own history is not one of the catalog's tables, though the target has it.
        assertEquals(1, target.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'ferry_schema_history'"));
        Map<String, JsonNode> tables = new TreeMap<>();
        report.path("tables").forEach(t -> tables.put(t.path("table").asText(), t));
        assertFalse(tables.containsKey("public.ferry_schema_history"), tables.keySet().toString());
        assertFalse(md.contains("ferry_schema_history"), md);
        assertFalse(Files.readString(reportDir.resolve("report.html")).contains("ferry_schema_history"));

        // The plan leaves tag rows behind on purpose; migrations drop and create tables: each says so.
        assertEquals("data excluded by step copy", tables.get("public.tag").path("note").asText());
        assertTrue(tables.get("public.tag").path("before").isNull());
        assertTrue(md.contains("| public.tag | - | 0 | data excluded by step copy |"), md);
        assertEquals("dropped after the copy", tables.get("public.resource_group").path("note").asText());
        assertEquals("created after the copy", tables.get("public.resource_view").path("note").asText());
        assertFalse(tables.get("public.package").has("note"));

        // The sysadmin account "dgu" has no full name: shown by name alone.
        assertTrue(target.queryLong("SELECT count(*) FROM ferry.ckan_demoted_sysadmin WHERE fullname IS NULL") > 0);
        assertFalse(md.contains(" ()\n"), md);
        assertFalse(Files.readString(reportDir.resolve("report.html")).contains("()</li>"));
    }

    @Test
    void theHtmlReportRendersOfflineInHeadlessChromium() throws Exception {
        assertEquals(0, run.exitCode(), run.all());
        Path html = reportDir.resolve("report.html");
        String page = Files.readString(html);
        for (String fetchOrRun : List.of("src=", "href=", "<link", "<script", "url(", "@import")) {
            assertFalse(page.contains(fetchOrRun), "the page fetches nothing and runs nothing: " + fetchOrRun);
        }
        ReportLayout.chromium();
        String dom = ReportLayout.dumpDom(html, dir, 1280);
        for (String step : List.of("copy", "migrate", "verify-schema", "report")) {
            assertTrue(dom.contains("<td>" + step + "</td>"), step + " is not in the rendered DOM:\n" + dom);
        }
        assertTrue(dom.contains("<svg") && dom.contains("timeline of the steps"), dom);
        assertTrue(dom.contains("rows per table, before and after"), dom);

        // As a reader sees it at 1280 px, every assertion's SQL unfolded: no sideways scroll, no chart
        // label cut at the chart's edge, every outcome in view, and every step finished.
        ReportLayout.Measured measured = ReportLayout.measure(html, dir, 1280);
        measured.assertFits();
        assertEquals(List.of("copy: finished", "migrate: finished", "check: finished", "verify-schema: finished",
                "copy-datastore: finished", "check-datastore: finished", "reindex: finished", "report: finished"),
                measured.stepStatuses());
    }

    @Test
    void aRunKilledInTheMiddleOfAStepResumesToTheSameResult() throws Exception {
        assertEquals(0, run.exitCode(), run.all());
        TestDatabase resumed = PostgresExtension.newDatabase("plan_resumed");
        String[] args = {"run", DGU.toString(), "--set", "source=" + source.url(), "--set", "target=" + resumed.url(),
                "--report-dir", dir.resolve("report2").toString()};
        Process first = FerryProcess.start(dir, "killed", args);
        waitForAStepInProgress(resumed, first);

        // A second run on the same target is refused at once while the first holds the run lock.
        FerryProcess.Result second = FerryProcess.run(dir, withResume(args));
        assertEquals(5, second.exitCode(), second.all());
        assertTrue(second.err().contains("another ferry run"), second.err());

        first.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        first.waitFor(30, TimeUnit.SECONDS);
        assertTrue(resumed.queryLong("SELECT count(*) FROM ferry.plan_step WHERE status <> 'finished'") > 0,
                "the kill came in the middle of a step");

        FerryProcess.Result again = FerryProcess.run(dir, args);
        assertEquals(3, again.exitCode(), "without --resume an unfinished run is refused: " + again.all());
        assertTrue(again.err().contains("--resume"), again.err());

        // A Ferry home of its own: the embedded Solr of the first run's, reopened in this JVM, would find
        // its index still locked (in a JVM per run, as for users, it would not).
        FerryProcess.Result resume = FerryProcess.run(dir.resolve("resumed"), withResume(args));
        assertEquals(0, resume.exitCode(), resume.all());
        assertTrue(resume.out().contains("Resuming plan dgu at step"), resume.out());
        // Without a DataStore, its two steps are skipped (and recorded as finished).
        assertEquals(8, resumed.queryLong("SELECT count(*) FROM ferry.plan_step WHERE status = 'finished'"));
        assertEquals(fingerprint(target), fingerprint(resumed));
    }

    private static String[] withResume(String[] args) {
        List<String> list = new ArrayList<>(List.of(args));
        list.add("--resume");
        return list.toArray(String[]::new);
    }

    /** Waits until the run is inside a step: the copy with some chunks committed, or a later step. */
    private static void waitForAStepInProgress(TestDatabase db, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the run ended before it could be killed");
            if (stepInProgress(db)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no step started within 90 s");
    }

    private static boolean stepInProgress(TestDatabase db) {
        try {
            if (db.queryString("SELECT to_regclass('ferry.plan_step')::text") == null) {
                return false;
            }
            String step = db.queryString("SELECT step FROM ferry.plan_step WHERE status = 'started'");
            if (!"copy".equals(step)) {
                return step != null;
            }
            // In the copy: once some chunks are committed and others not yet.
            return db.queryString("SELECT to_regclass('ferry.transfer_chunk')::text") != null
                    && db.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL") > 0;
        } catch (IllegalStateException e) {
            return false; // the copy finished and dropped its bookkeeping between two queries: look again
        }
    }

    /**
     * Per table of the CKAN schema: row count and an order-independent checksum of the rows. Ferry's
     * history is compared by count, since it records when each migration ran.
     */
    private static Map<String, String> fingerprint(TestDatabase db) throws Exception {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
                    + "WHERE schemaname = 'public' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                String sql = table.equals("public.ferry_schema_history") ? "SELECT count(*)::text FROM " + table
                        : "SELECT count(*) || ' ' || coalesce(sum(hashtextextended(t::text, 0)), 0) FROM " + table + " t";
                try (ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    result.put(table, rs.getString(1));
                }
            }
        }
        return result;
    }
}
