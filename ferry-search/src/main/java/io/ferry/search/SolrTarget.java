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
        return open(url, null, null);
    }

    /**
     * Opens a Solr URL with HTTP basic authentication (CKAN's {@code solr_user} and {@code solr_password}),
     * or with the user and password the URL itself carries; {@code user} null for none. Messages show
     * the URL without its password.
     */
    public static SolrTarget open(String url, String user, String password) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            String display = withoutPassword(uri);
            String path = uri.getPath() == null ? "" : uri.getPath();
            int slash = path.lastIndexOf('/');
            if (slash < 0 || slash == path.length() - 1 || !path.substring(0, slash).endsWith("/solr")) {
                throw new FerryException(ErrorCode.USAGE, "--solr " + display + ": expected http://host:port/solr/CORE");
            }
            String core = path.substring(slash + 1);
            String base = uri.getScheme() + "://" + uri.getRawAuthority().substring(
                    uri.getRawUserInfo() == null ? 0 : uri.getRawUserInfo().length() + 1) + path.substring(0, slash);
            Http2SolrClient.Builder builder = new Http2SolrClient.Builder(base)
                    .withConnectionTimeout(10, TimeUnit.SECONDS)
                    .withIdleTimeout(300, TimeUnit.SECONDS);
            if (user != null) {
                builder.withBasicAuthCredentials(user, password == null ? "" : password);
            } else if (uri.getUserInfo() != null) {
                String info = uri.getUserInfo();
                int colon = info.indexOf(':');
                builder.withBasicAuthCredentials(colon < 0 ? info : info.substring(0, colon),
                        colon < 0 ? "" : info.substring(colon + 1));
            }
            return new SolrTarget(builder.build(), core, display);
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

    /** A Solr URL as messages may show it, without a password (unparseable text is not shown at all). */
    public static String display(String url) {
        try {
            return withoutPassword(URI.create(url));
        } catch (IllegalArgumentException e) {
            return "(a Solr URL that does not parse)";
        }
    }

    /** The URL as messages may show it: {@code user@host}, never the password. */
    private static String withoutPassword(URI uri) {
        String info = uri.getRawUserInfo();
        if (info == null || !info.contains(":")) {
            return uri.toString();
        }
        return uri.toString().replace(info + "@", info.substring(0, info.indexOf(':')) + "@");
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
