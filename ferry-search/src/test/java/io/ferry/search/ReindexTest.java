package io.ferry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrInputDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilds into Ferry's own embedded Solr: --only-missing, --verify, removed datasets, bad input. */
class ReindexTest {
    static final String SITE = "default";
    static TestDatabase db;

    @BeforeAll
    static void catalog() {
        db = Catalogs.migrated("reindex", 120);
    }

    static ReindexOptions options(boolean onlyMissing, boolean clear) {
        return new ReindexOptions(SITE, onlyMissing, clear, 2, 25);
    }

    static long indexable() {
        return db.queryLong("SELECT count(*) FROM package WHERE state NOT IN ('', 'deleted')");
    }

    @Test
    void verifyFindsMissingExtraAndStaleDocumentsAndOnlyMissingFillsTheGaps(@TempDir Path home) throws Exception {
        try (SolrTarget solr = SolrTarget.embedded(home)) {
            assertEquals(indexable(), Reindex.run(db.spec(), solr, options(false, false), ReindexListener.NONE)
                    .indexed());
            assertTrue(IndexVerify.run(db.spec(), solr, SITE).clean());

            // One document lost, one for a dataset the database does not have, one dataset changed since.
            String lost = db.queryString("SELECT id FROM package WHERE state = 'active' ORDER BY id LIMIT 1");
            String changed = db.queryString("SELECT id FROM package WHERE state = 'active' ORDER BY id DESC LIMIT 1");
            solr.client().deleteById(solr.collection(), CkanDocument.indexId(lost, SITE));
            SolrInputDocument ghost = new SolrInputDocument();
            ghost.setField("index_id", CkanDocument.indexId("ghost", SITE));
            ghost.setField("id", "ghost");
            ghost.setField("site_id", SITE);
            solr.client().add(solr.collection(), ghost);
            // Another site's documents in the same index are not this site's business.
            SolrInputDocument other = ghost.deepCopy();
            other.setField("index_id", CkanDocument.indexId("ghost", "other-site"));
            other.setField("site_id", "other-site");
            solr.client().add(solr.collection(), other);
            solr.client().commit(solr.collection());
            db.execute("UPDATE package SET metadata_modified = metadata_modified + interval '1 second' "
                    + "WHERE id = '" + changed + "'");

            IndexVerify.Report report = IndexVerify.run(db.spec(), solr, SITE);
            assertEquals(indexable(), report.database());
            assertEquals(List.of(lost), report.missing());
            assertEquals(List.of("ghost"), report.extra());
            assertEquals(List.of(changed), report.stale());
            assertEquals(List.of(1L, 1L, 1L), List.of(report.missingCount(), report.extraCount(), report.staleCount()));

            // --only-missing adds the lost one and touches nothing else.
            Reindex.Result onlyMissing = Reindex.run(db.spec(), solr, options(true, false), ReindexListener.NONE);
            assertEquals(1, onlyMissing.indexed());
            assertEquals(indexable() - 1, onlyMissing.skipped());
            report = IndexVerify.run(db.spec(), solr, SITE);
            assertEquals(0, report.missingCount());
            assertEquals(1, report.extraCount());
            assertEquals(1, report.staleCount());

            // A full rebuild repairs the stale document and removes the ghost, but not the other site's.
            Reindex.run(db.spec(), solr, options(false, false), ReindexListener.NONE);
            assertTrue(IndexVerify.run(db.spec(), solr, SITE).clean());
            assertEquals(1, solr.client().query(solr.collection(), new SolrQuery("site_id:other-site"))
                    .getResults().getNumFound());

            // --clear empties the whole index, then rebuilds this site.
            Reindex.run(db.spec(), solr, options(false, true), ReindexListener.NONE);
            assertTrue(IndexVerify.run(db.spec(), solr, SITE).clean());
            assertEquals(indexable(), solr.client().query(solr.collection(), new SolrQuery("*:*"))
                    .getResults().getNumFound());

            // A dataset deleted in CKAN leaves the index at the next rebuild.
            db.execute("UPDATE package SET state = 'deleted' WHERE id = '" + changed + "'");
            Reindex.run(db.spec(), solr, options(false, false), ReindexListener.NONE);
            assertTrue(IndexVerify.run(db.spec(), solr, SITE).clean());
            assertEquals(0, solr.client().query(solr.collection(), new SolrQuery("id:\"" + changed + "\""))
                    .getResults().getNumFound());
        }
    }

    @Test
    void aResourceWithBrokenJsonExtrasIsReportedByDatasetAndResourceAndStillIndexed(@TempDir Path home) {
        String resource = db.queryString("SELECT r.id FROM resource r JOIN package p ON p.id = r.package_id "
                + "WHERE r.state = 'active' AND p.state = 'active' ORDER BY r.id LIMIT 1");
        String name = db.queryString("SELECT p.name FROM resource r JOIN package p ON p.id = r.package_id "
                + "WHERE r.id = '" + resource + "'");
        String extras = db.queryString("SELECT extras FROM resource WHERE id = '" + resource + "'");
        db.execute("UPDATE resource SET extras = '{\"datafile-date\": \"2012' WHERE id = '" + resource + "'");
        try (SolrTarget solr = SolrTarget.embedded(home)) {
            Reindex.Result result = Reindex.run(db.spec(), solr, options(false, false), ReindexListener.NONE);
            assertEquals(indexable(), result.indexed());
            assertEquals(1, result.problemCount(), result.problems().toString());
            String problem = result.problems().get(0);
            assertTrue(problem.contains(name) && problem.contains(resource) && problem.contains("extras"), problem);
            assertTrue(IndexVerify.run(db.spec(), solr, SITE).clean());
        } finally {
            db.execute("UPDATE resource SET extras = " + (extras == null ? "NULL" : "'" + extras.replace("'", "''")
                    + "'") + " WHERE id = '" + resource + "'");
        }
    }

    @Test
    void aSchemaWithoutCkansFieldsIsRefusedBeforeAnythingIsSent(@TempDir Path home) throws Exception {
        EmbeddedSolr.createIfMissing(home);
        Path schema = home.resolve(EmbeddedSolr.CORE).resolve("conf").resolve("schema.xml");
        Files.writeString(schema, Files.readString(schema)
                .replaceAll("(?m)^\\s*<field name=\"validated_data_dict\"[^>]*/>\\s*$", ""));
        try (SolrTarget solr = SolrTarget.embedded(home)) {
            FerryException e = assertThrows(FerryException.class,
                    () -> Reindex.run(db.spec(), solr, options(false, false), ReindexListener.NONE));
            assertEquals(ErrorCode.CONFIGURATION, e.code());
            assertTrue(e.getMessage().contains("lacks validated_data_dict"), e.getMessage());
            assertEquals(0, solr.client().query(solr.collection(), new SolrQuery("*:*")).getResults().getNumFound());
        }
    }

    @Test
    void anUnreachableSolrIsOneClearConnectionError() {
        try (SolrTarget solr = SolrTarget.open("http://127.0.0.1:1/solr/ckan")) {
            FerryException e = assertThrows(FerryException.class,
                    () -> Reindex.run(db.spec(), solr, options(false, false), ReindexListener.NONE));
            assertEquals(ErrorCode.CONNECTION, e.code());
            assertTrue(e.getMessage().startsWith("cannot reach Solr at http://127.0.0.1:1/solr/ckan"), e.getMessage());
        }
        assertEquals(ErrorCode.USAGE, assertThrows(FerryException.class,
                () -> SolrTarget.open("ftp://example.org/ckan")).code());
        assertEquals(ErrorCode.USAGE, assertThrows(FerryException.class,
                () -> SolrTarget.open("http://localhost:8983/ckan")).code());
    }

    @Test
    void aDatabaseNotYetMigratedToCkan28IsRefused(@TempDir Path home) {
        TestDatabase legacy = PostgresExtension.newDatabase("legacy_reindex");
        legacy.execute("CREATE TABLE package (id text PRIMARY KEY, name text, state text);"
                + "CREATE TABLE resource (id text PRIMARY KEY, resource_group_id text)");
        try (SolrTarget solr = SolrTarget.embedded(home)) {
            FerryException e = assertThrows(FerryException.class,
                    () -> Reindex.run(legacy.spec(), solr, options(false, false), ReindexListener.NONE));
            assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
            assertTrue(e.getMessage().contains("run the CKAN migrations first"), e.getMessage());
        }
    }

    @Test
    void indexIdIsCkansMd5OfIdAndSiteId() {
        // hashlib.md5(b"abc" + b"default").hexdigest()
        assertEquals("0cdad01cab25a5ee19b6ba861c0e8d6c", CkanDocument.indexId("abc", "default"));
    }
}
