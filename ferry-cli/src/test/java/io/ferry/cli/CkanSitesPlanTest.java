package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.FerryProcess.Result;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan whose source and target are CKAN sites given only by their configs ({@code ckan_ini:}, each
 * chained to a shared base file in another folder): the databases, the target's Solr (a real Solr over
 * HTTP), its site id, its DataStore URLs and its plugins all come from the two configs.
 */
class CkanSitesPlanTest {
    private static final String DATASTORE_PASSWORD = "Datastore-S3cret-pw";
    private static final String SOLR_PASSWORD = "Solr-S3cret-pw";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private Result ferry(String... args) {
        return FerryProcess.run(dir, args);
    }

    @Test
    void aPlanTakesEverythingFromTheTwoSitesConfigs() throws Exception {
        TestDatabase source = PostgresExtension.newDatabase("site_source");
        ReindexCliTest.ckan28(source);
        TestDatabase target = PostgresExtension.newDatabase("site_target");
        try (HttpSolr solr = HttpSolr.start(dir.resolve("solr-server"))) {
            write("sites/common/base.ini", """
                    [app:main]
                    use = egg:ckan
                    ckan.plugins = stats harvest
                    solr_user = ckan
                    solr_password = %s
                    """.formatted(SOLR_PASSWORD));
            Path sourceIni = write("sites/old/ckan.ini", """
                    [app:main]
                    use = config:../common/base.ini
                    sqlalchemy.url = %s
                    ckan.site_id = old-site
                    solr_url = http://127.0.0.1:1/solr/ckan
                    """.formatted(source.url()));
            Path targetIni = write("sites/new/ckan.ini", """
                    [app:main]
                    use = config:../common/base.ini
                    sqlalchemy.url = %s
                    ckan.site_id = new-site
                    solr_url = %s
                    ckan.datastore.write_url = postgresql://ds_write:%s@127.0.0.1:1/datastore
                    ckan.datastore.read_url = postgresql://ds_read@127.0.0.1:1/datastore
                    """.formatted(target.url(), solr.coreUrl(), DATASTORE_PASSWORD));
            write("plan/migrations/core/001_core_marker.sql", "CREATE TABLE core_marker (id int);");
            write("plan/migrations/harvest/module.properties", "plugin=harvest\nafter=core\n");
            write("plan/migrations/harvest/001_harvest_marker.sql", "CREATE TABLE harvest_marker (id int);");
            write("plan/migrations/activity/module.properties", "plugin=activity\nafter=core\n");
            write("plan/migrations/activity/001_activity_marker.sql", "CREATE TABLE activity_marker (id int);");
            Path plan = write("plan/sites.yaml", """
                    plan: sites
                    connections:
                      source: ckan_ini:%s
                      target: ckan_ini:%s
                    steps:
                      - {name: copy, kind: transfer, from: source, to: target}
                      - {name: migrate, kind: migrate, migrations: migrations}
                      - {name: reindex, kind: reindex}
                      - {name: report, kind: report}
                    """.formatted(sourceIni, targetIni));
            List<String> outputs = new ArrayList<>();

            Result dry = ferry("run", plan.toString(), "--dry-run");
            outputs.add(dry.all());
            assertEquals(0, dry.exitCode(), dry.all());
            assertTrue(dry.all().contains("ckan.datastore.write_url = postgresql://ds_write:***@127.0.0.1:1/datastore ("
                    + targetIni + " line 6)"), dry.all());
            assertTrue(dry.all().contains("ckan.plugins = stats harvest (" + dir.resolve("sites/common/base.ini")
                    + " line 3)"), dry.all());
            assertTrue(dry.all().contains("module activity left out: plugin activity is not in ckan.plugins of "
                    + targetIni), dry.all());
            assertTrue(dry.all().contains("rebuild the search index of site new-site from target into "
                    + solr.coreUrl()), dry.all());

            Path reportDir = dir.resolve("report");
            Result run = ferry("run", plan.toString(), "--report-dir", reportDir.toString());
            outputs.add(run.all());
            assertEquals(0, run.exitCode(), run.all());
            // The databases: source's rows on the target; the migrations of the enabled plugins only.
            assertEquals(4, target.queryLong("SELECT count(*) FROM package"));
            assertEquals(1, target.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'harvest_marker'"));
            assertEquals(0, target.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'activity_marker'"));
            // The index: in the target site's own Solr, under its site id; Ferry's embedded Solr untouched.
            try (Http2SolrClient client = new Http2SolrClient.Builder(solr.coreUrl().replace("/ckan", "")).build()) {
                assertEquals(3, client.query("ckan", new SolrQuery("site_id:new-site")).getResults().getNumFound());
                assertEquals(3, client.query("ckan", new SolrQuery("*:*")).getResults().getNumFound());
            }
            assertFalse(Files.exists(dir.resolve("ferry-home").resolve("solr")));

            // What CKAN would search: ferry reindex -c with the target's config finds the site's documents.
            Result verify = ferry("reindex", "-c", targetIni.toString(), "--verify", "--json");
            outputs.add(verify.all());
            assertEquals(0, verify.exitCode(), verify.all());
            JsonNode check = new ObjectMapper().readTree(verify.out());
            assertEquals(3, check.path("index").asLong());
            assertEquals("new-site", check.path("site_id").asText());
            assertEquals(solr.coreUrl(), check.path("target").asText());

            JsonNode report = new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
            JsonNode steps = report.path("steps");
            assertTrue(steps.get(1).path("summary").asText().contains("module activity left out"), steps.toString());
            assertTrue(steps.get(2).path("summary").asText().contains("of site new-site into " + solr.coreUrl()),
                    steps.toString());
            JsonNode site = report.path("sites").path("target");
            assertEquals("postgresql://ds_write:***@127.0.0.1:1/datastore",
                    site.path("ckan.datastore.write_url").path("value").asText());
            assertEquals("***", site.path("solr_password").path("value").asText());
            assertEquals("new-site", site.path("site_id").asText());
            assertEquals(solr.coreUrl(), report.path("index_verification").get(0).path("target").asText());
            try (Stream<Path> files = Files.walk(reportDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    outputs.add(Files.readString(f));
                }
            }
            String everything = String.join("\n", outputs);
            assertFalse(everything.contains(DATASTORE_PASSWORD), "the DataStore password was shown");
            assertFalse(everything.contains(SOLR_PASSWORD), "solr_password was shown");
        }
    }
}
