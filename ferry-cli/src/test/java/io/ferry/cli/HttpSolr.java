package io.ferry.cli;

import io.ferry.search.EmbeddedSolr;
import java.nio.file.Path;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A real Solr server over HTTP in the test's JVM (Solr's own Jetty runner), on a free port, with one
 * core {@value EmbeddedSolr#CORE} made from Ferry's configset: what a CKAN site's {@code solr_url} names.
 */
final class HttpSolr implements AutoCloseable {
    private final JettySolrRunner jetty;

    private HttpSolr(JettySolrRunner jetty) {
        this.jetty = jetty;
    }

    static HttpSolr start(Path home) throws Exception {
        EmbeddedSolr.createIfMissing(home);
        JettySolrRunner jetty = new JettySolrRunner(home.toString(), JettyConfig.builder().setPort(0).build());
        jetty.start();
        return new HttpSolr(jetty);
    }

    /** {@code http://127.0.0.1:PORT/solr/ckan}, as a ckan.ini's solr_url. */
    String coreUrl() {
        return jetty.getBaseUrl().toString() + "/" + EmbeddedSolr.CORE;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
