package io.ferry.search;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;

/**
 * Where the index lives: Ferry's embedded Solr (a folder), a Solr server over HTTP, or a SolrCloud
 * collection found through ZooKeeper. Holds the client and the collection name every request names.
 */
public final class SolrTarget implements AutoCloseable {
    private final SolrClient client;
    private final String collection;
    private final String display;
    private final Runnable shutdown;

    private SolrTarget(SolrClient client, String collection, String display) {
        this(client, collection, display, () -> {
        });
    }

    private SolrTarget(SolrClient client, String collection, String display, Runnable shutdown) {
        this.client = client;
        this.collection = collection;
        this.display = display;
        this.shutdown = shutdown;
    }

    /**
     * Opens {@code --solr URL}: {@code http(s)://host:port/solr/CORE} or {@code zk://host:port[,host:port][/chroot]/COLLECTION}.
     *
     * @throws FerryException USAGE when the URL has neither form or names no core/collection
     */
    public static SolrTarget open(String url) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            String path = uri.getPath() == null ? "" : uri.getPath();
            int slash = path.lastIndexOf('/');
            if (slash < 0 || slash == path.length() - 1 || !path.substring(0, slash).endsWith("/solr")) {
                throw new FerryException(ErrorCode.USAGE, "--solr " + url + ": expected http://host:port/solr/CORE");
            }
            String core = path.substring(slash + 1);
            String base = url.substring(0, url.indexOf(path)) + path.substring(0, slash);
            SolrClient client = new Http2SolrClient.Builder(base)
                    .withConnectionTimeout(10, TimeUnit.SECONDS)
                    .withIdleTimeout(300, TimeUnit.SECONDS)
                    .build();
            return new SolrTarget(client, core, url);
        }
        if (url.startsWith("zk://")) {
            String rest = url.substring("zk://".length());
            int slash = rest.lastIndexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw new FerryException(ErrorCode.USAGE, "--solr " + url
                        + ": expected zk://host:port[,host:port][/chroot]/COLLECTION");
            }
            String collection = rest.substring(slash + 1);
            String hostsAndRoot = rest.substring(0, slash);
            int rootAt = hostsAndRoot.indexOf('/');
            String hosts = rootAt < 0 ? hostsAndRoot : hostsAndRoot.substring(0, rootAt);
            Optional<String> chroot = rootAt < 0 ? Optional.empty() : Optional.of(hostsAndRoot.substring(rootAt));
            CloudHttp2SolrClient client = new CloudHttp2SolrClient.Builder(List.of(hosts.split(",")), chroot)
                    .withZkConnectTimeout(10, TimeUnit.SECONDS)
                    .withZkClientTimeout(30, TimeUnit.SECONDS)
                    .build();
            return new SolrTarget(client, collection, url);
        }
        throw new FerryException(ErrorCode.USAGE, "--solr " + url
                + ": expected http://host:port/solr/CORE or zk://host:port/COLLECTION");
    }

    /** Opens (creating on first use) the embedded Solr whose home is {@code home}. */
    public static SolrTarget embedded(Path home) {
        EmbeddedSolrServer server = EmbeddedSolr.start(home);
        // The client does not own a container it was handed: closing the target must stop Solr,
        // which closes the core and its index files.
        return new SolrTarget(server, EmbeddedSolr.CORE, "embedded Solr in " + home,
                server.getCoreContainer()::shutdown);
    }

    /** Wraps a client the caller built (tests, benchmarks); closing the target closes it. */
    public static SolrTarget of(SolrClient client, String collection, String display) {
        return new SolrTarget(client, collection, display);
    }

    public SolrClient client() {
        return client;
    }

    public String collection() {
        return collection;
    }

    /** What to call the target in messages. */
    public String display() {
        return display;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Nothing left to save: the index was committed or deliberately left alone.
        } finally {
            shutdown.run();
        }
    }
}
