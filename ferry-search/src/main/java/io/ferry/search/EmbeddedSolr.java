package io.ferry.search;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.solr.client.solrj.embedded.EmbeddedSolrServer;
import org.apache.solr.core.CoreContainer;

/**
 * Ferry's embedded Solr: a Solr home folder with one core, {@value #CORE}, configured with Ferry's
 * configset (CKAN's field names and types). Created on first use; later runs open what is there, so
 * a home holding CKAN's own schema.xml is used as it is.
 */
public final class EmbeddedSolr {
    /** The core's name, as CKAN's Solr images call theirs. */
    public static final String CORE = "ckan";

    private static final String RESOURCES = "ferry/solr/";
    private static final List<String> CONF_FILES = List.of("solrconfig.xml", "schema.xml", "synonyms.txt",
            "protwords.txt");

    /** Kept so that the level set on it is not lost when the logger is garbage-collected. */
    private static final Logger JERSEY = Logger.getLogger("org.glassfish.jersey");

    private EmbeddedSolr() {
    }

    /** Starts Solr on {@code home}, first creating the home and the core if they do not exist. */
    public static EmbeddedSolrServer start(Path home) {
        createIfMissing(home);
        // Solr's embedded REST layer warns about an optional provider at every start; nothing to act on.
        JERSEY.setLevel(Level.SEVERE);
        CoreContainer container;
        try {
            container = CoreContainer.createAndLoad(home.toAbsolutePath());
        } catch (RuntimeException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot start the embedded Solr in " + home + ": "
                    + rootMessage(e), e);
        }
        if (container.getCore(CORE) == null) {
            String reason = container.getCoreInitFailures().containsKey(CORE)
                    ? rootMessage(container.getCoreInitFailures().get(CORE).exception)
                    : "no core named " + CORE;
            container.shutdown();
            throw new FerryException(ErrorCode.INPUT, "the embedded Solr in " + home + " has no usable core "
                    + CORE + ": " + reason);
        }
        container.getCore(CORE).close();
        return new EmbeddedSolrServer(container, CORE);
    }

    /**
     * Writes the home's solr.xml and the core's configuration unless the home already has them.
     * The core's update log is off: nothing would ever replay it in an embedded index, and it would
     * double what a rebuild writes.
     */
    public static void createIfMissing(Path home) {
        try {
            Files.createDirectories(home);
            if (!Files.exists(home.resolve("solr.xml"))) {
                copy("solr.xml", home.resolve("solr.xml"));
            }
            Path core = home.resolve(CORE);
            if (!Files.exists(core.resolve("core.properties"))) {
                Path conf = core.resolve("conf");
                Files.createDirectories(conf);
                for (String file : CONF_FILES) {
                    if (!Files.exists(conf.resolve(file))) {
                        copy("configset/conf/" + file, conf.resolve(file));
                    }
                }
                Files.writeString(core.resolve("core.properties"), "name=" + CORE + "\nferry.updateLog=false\n");
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot create the Solr home " + home + ": " + e.getMessage(), e);
        }
    }

    /** Copies Ferry's configset (solrconfig.xml, schema.xml, ...) into {@code conf}, e.g. to upload it to SolrCloud. */
    public static void writeConfigset(Path conf) throws IOException {
        Files.createDirectories(conf);
        for (String file : CONF_FILES) {
            copy("configset/conf/" + file, conf.resolve(file));
        }
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = EmbeddedSolr.class.getClassLoader().getResourceAsStream(RESOURCES + resource)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCES + resource + " is missing from the class path");
            }
            Files.copy(in, to);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
