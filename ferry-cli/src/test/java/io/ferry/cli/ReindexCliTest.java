package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.sql.ScriptRunner;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import io.ferry.cli.FerryProcess.Result;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry reindex} as a real process, on a small CKAN 2.8 database. */
@ExtendWith(PostgresExtension.class)
class ReindexCliTest {
    @TempDir
    Path dir;

    static void ckan28(TestDatabase db) throws Exception {
        try (Reader in = new InputStreamReader(ReindexCliTest.class.getClassLoader()
                .getResourceAsStream("ferry/schemas/ckan-2.8.sql"), StandardCharsets.UTF_8); Connection c = db.open()) {
            new ScriptRunner(c, "ckan-2.8.sql").run(in);
        }
        db.execute("""
                INSERT INTO "group" (id, name, title, state, type, is_organization)
                  VALUES ('org-1', 'cabinet-office', 'Cabinet Office', 'active', 'organization', true);
                INSERT INTO package (id, name, title, state, type, owner_org, private, metadata_created,
                                     metadata_modified) VALUES
                  ('p-1', 'spend', 'Spend over 25k', 'active', 'dataset', 'org-1', false, '2012-03-01', '2013-05-10'),
                  ('p-2', 'staff', 'Staff numbers', 'active', 'dataset', 'org-1', true, '2012-03-01', '2013-05-10'),
                  ('p-3', 'draft', 'Draft', 'draft', 'dataset', 'org-1', false, '2012-03-01', '2013-05-10'),
                  ('p-4', 'gone', 'Gone', 'deleted', 'dataset', 'org-1', false, '2012-03-01', '2013-05-10');
                INSERT INTO resource (id, package_id, url, format, state, position, extras) VALUES
                  ('r-1', 'p-1', 'https://example.org/spend.csv', 'CSV', 'active', 0, '{"datafile-date": "2012"}');
                """);
    }

    /**
     * Each run starts an embedded Solr, which takes a while on a busy machine; in a JVM of its own, as
     * for a user: an embedded Solr opened again in the same JVM finds its index still locked.
     */
    Result ferry(String... args) throws Exception {
        String name = "run" + System.nanoTime();
        return FerryProcess.finish(FerryProcess.start(dir, name, args), dir, name, Duration.ofMinutes(5));
    }

    @Test
    void rebuildsWithTheSiteIdFromCkanIniThenVerifies(TestDatabase db) throws Exception {
        ckan28(db);
        Path ini = dir.resolve("ckan.ini");
        Files.writeString(ini, "[app:main]\nsqlalchemy.url = " + db.url() + "\nckan.site_id = dgu\n");
        Path home = dir.resolve("solr");
        Result r = ferry("reindex", "-c", ini.toString(), "--solr-home", home.toString(), "--jobs", "2");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("Indexed 3 of 3 datasets"), r.out());
        assertTrue(r.out().contains("(site dgu,"), r.out());

        Result verify = ferry("reindex", "-c", ini.toString(), "--solr-home",
                home.toString(), "--verify", "--json");
        assertEquals(0, verify.exitCode(), verify.all());
        JsonNode report = new ObjectMapper().readTree(verify.out());
        assertEquals(3, report.path("database").asLong());
        assertEquals(3, report.path("index").asLong());
        assertTrue(report.path("clean").asBoolean());

        db.execute("UPDATE package SET metadata_modified = now() WHERE id = 'p-2'");
        Result stale = ferry("reindex", "-c", ini.toString(), "--solr-home",
                home.toString(), "--verify");
        assertEquals(3, stale.exitCode(), stale.all());
        assertTrue(stale.out().lines().anyMatch(l -> l.contains("stale") && l.contains(" 1  e.g. p-2")), stale.out());

    }

    /** As CKAN does: the config's solr_url and ckan.site_id, with no Solr option given. */
    @Test
    void aConfigsSolrUrlIsTheIndexFilledAndVerified(TestDatabase db) throws Exception {
        ckan28(db);
        try (HttpSolr solr = HttpSolr.start(dir.resolve("solr-server"))) {
            Path ini = dir.resolve("site").resolve("ckan.ini");
            Files.createDirectories(ini.getParent());
            Files.writeString(ini, "[app:main]\nsqlalchemy.url = " + db.url() + "\nckan.site_id = dgu\nsolr_url = "
                    + solr.coreUrl() + "\n");
            Result r = ferry("reindex", "-c", ini.toString(), "--jobs", "2");
            assertEquals(0, r.exitCode(), r.all());
            assertTrue(r.out().contains("Indexed 3 of 3 datasets into " + solr.coreUrl() + " in "), r.out());
            assertTrue(!Files.exists(dir.resolve("ferry-home").resolve("solr")), "the embedded Solr was not used");

            Result verify = ferry("reindex", "-c", ini.toString(), "--verify", "--json");
            assertEquals(0, verify.exitCode(), verify.all());
            JsonNode report = new ObjectMapper().readTree(verify.out());
            assertEquals(solr.coreUrl(), report.path("target").asText());
            assertEquals("dgu", report.path("site_id").asText());
            assertEquals(3, report.path("index").asLong());
            assertTrue(report.path("clean").asBoolean());
        }
    }

    @Test
    void badTargetsAreOneLineAndANonZeroExit(TestDatabase db) throws Exception {
        ckan28(db);
        Result unreachable = FerryProcess.run(dir, "reindex", "--db", db.url(), "--solr",
                "http://127.0.0.1:1/solr/ckan");
        assertEquals(1, unreachable.exitCode(), unreachable.all());
        List<String> lines = unreachable.err().strip().lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("ferry: cannot reach Solr at http://127.0.0.1:1/solr/ckan"),
                unreachable.err());

        Result both = FerryProcess.run(dir, "reindex", "--db", db.url(), "--solr",
                "http://127.0.0.1:1/solr/ckan", "--solr-home", dir.toString());
        assertEquals(2, both.exitCode(), both.all());
        assertEquals("ferry: give either --solr or --solr-home, not both", both.err().strip());

        Result legacy = FerryProcess.run(dir, "reindex", "--db",
                PostgresExtension.newDatabase("empty").url(), "--solr-home", dir.resolve("solr").toString());
        assertEquals(3, legacy.exitCode(), legacy.all());
        assertEquals("ferry: the database has no CKAN package table", legacy.err().strip());
        // Refused before any Solr was started: no Solr home was created.
        assertTrue(!Files.exists(dir.resolve("solr")));
    }
}
