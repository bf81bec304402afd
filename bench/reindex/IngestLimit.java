import io.ferry.connect.ConnectionParser;
import io.ferry.connect.ConnectionSpec;
import io.ferry.connect.Environment;
import io.ferry.search.EmbeddedSolr;
import io.ferry.search.SearchDocuments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.common.SolrInputDocument;

/**
 * The limit for bench/reindex.sh: the documents ferry reindex builds, built first into memory, then
 * sent straight into a fresh embedded Solr with the same configset, threads and batch size, and
 * committed. Prints "build SECONDS" and "ingest SECONDS DOCS_PER_SECOND" lines.
 *
 *   java -cp ferry-cli/target/ferry.jar bench/reindex/IngestLimit.java DB_URL SOLR_HOME SITE_ID JOBS BATCH
 */
public class IngestLimit {
    public static void main(String[] args) throws Exception {
        ConnectionSpec db = new ConnectionParser(Environment.system()).parse(args[0]);
        Path home = Path.of(args[1]);
        String site = args[2];
        int jobs = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);

        long t0 = System.nanoTime();
        List<SolrInputDocument> docs = new ArrayList<>();
        SearchDocuments.forEach(db, site, docs::add);
        double build = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "build %.2f %d%n", build, docs.size());

        EmbeddedSolrServer solr = EmbeddedSolr.start(home);
        try {
            solr.deleteByQuery("*:*");
            solr.commit();
            long t1 = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(jobs);
            List<Future<?>> done = new ArrayList<>();
            int share = (docs.size() + jobs - 1) / jobs;
            for (int j = 0; j < jobs; j++) {
                List<SolrInputDocument> part = docs.subList(Math.min(docs.size(), j * share),
                        Math.min(docs.size(), (j + 1) * share));
                done.add(pool.submit(() -> {
                    for (int i = 0; i < part.size(); i += batch) {
                        solr.add(part.subList(i, Math.min(part.size(), i + batch)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            solr.commit();
            double ingest = (System.nanoTime() - t1) / 1e9;
            System.out.printf(Locale.ROOT, "ingest %.2f %.0f%n", ingest, docs.size() / ingest);
        } finally {
            // The client does not own the container it was handed: stop Solr (and its threads) here.
            solr.getCoreContainer().shutdown();
        }
        // Solr's auto-commit scheduler lets a pending timer run out after shutdown; do not wait for it.
        System.exit(0);
    }
}
