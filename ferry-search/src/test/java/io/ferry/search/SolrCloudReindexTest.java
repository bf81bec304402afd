package io.ferry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SolrCloud: two Solr nodes and ZooKeeper in this JVM, a two-shard collection on Ferry's configset,
 * rebuilt through {@code zk://.../COLLECTION} and verified.
 */
@Tag("slow")
class SolrCloudReindexTest {
    @Test
    void reindexesIntoATwoShardCollectionAndVerifies(@TempDir Path dir) throws Exception {
        TestDatabase db = Catalogs.migrated("cloud", 60);
        Path conf = dir.resolve("configset").resolve("conf");
        EmbeddedSolr.writeConfigset(conf);
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(2, dir.resolve("cloud"))
                .addConfig("ferry-ckan", conf)
                .build();
        try {
            CollectionAdminRequest.createCollection("ckan", "ferry-ckan", 2, 1)
                    .process(cluster.getSolrClient());
            cluster.waitForActiveCollection("ckan", 2, 2);
            String url = "zk://" + cluster.getZkServer().getZkAddress() + "/ckan";
            long indexable = db.queryLong("SELECT count(*) FROM package WHERE state NOT IN ('', 'deleted')");
            try (SolrTarget solr = SolrTarget.open(url)) {
                Reindex.Result result = Reindex.run(db.spec(), solr, new ReindexOptions("cloud", false, false, 2, 10),
                        ReindexListener.NONE);
                assertEquals(indexable, result.indexed());
                IndexVerify.Report report = IndexVerify.run(db.spec(), solr, "cloud");
                assertTrue(report.clean(), report.toString());
                assertEquals(indexable, report.index());

                // Both shards hold documents: the collection really is split.
                for (String shard : new String[] {"shard1", "shard2"}) {
                    SolrQuery q = new SolrQuery("*:*");
                    q.set("shards", shard);
                    assertTrue(solr.client().query(solr.collection(), q).getResults().getNumFound() > 0, shard);
                }
                // A rebuild after a deletion removes the dataset from whichever shard held it.
                String gone = db.queryString("SELECT id FROM package WHERE state = 'active' ORDER BY id LIMIT 1");
                db.execute("UPDATE package SET state = 'deleted' WHERE id = '" + gone + "'");
                Reindex.run(db.spec(), solr, new ReindexOptions("cloud", false, false, 2, 10), ReindexListener.NONE);
                assertTrue(IndexVerify.run(db.spec(), solr, "cloud").clean());
            }
        } finally {
            cluster.shutdown();
        }
    }
}
