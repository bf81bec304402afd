package io.ferry.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry reindex}: rebuilds (or, with --verify, checks) CKAN's Solr search index from the
 * database. The options live here; the work is in {@link ReindexRun}, so that Solr's classes are
 * loaded only when this command runs, never while another command starts.
 */
@Command(name = "reindex", footerHeading = "%nExamples:%n",
        footer = {"  ferry reindex --db postgres://ckan@db/ckan", "  ferry reindex -c /etc/ckan/ckan.ini --solr http://solr:8983/solr/ckan --verify"}, mixinStandardHelpOptions = true,
        description = "Rebuild CKAN's Solr search index straight from a CKAN 2.8, 2.9, 2.10 or 2.11 database, with "
                + "the documents that release builds (all datasets but deleted ones; private ones with capacity=private), or check it with --verify (exit 3 on differences). "
                + "Searches see the old index until the new one is committed.")
final class ReindexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--solr", paramLabel = "URL",
            description = "The index: http://host:8983/solr/CORE, or zk://host:2181[/chroot]/COLLECTION for "
                    + "SolrCloud. Default: solr_url of -c ckan.ini (with its solr_user and solr_password), as CKAN "
                    + "uses; without one, Ferry's embedded Solr (see --solr-home).")
    String solr;

    @Option(names = "--solr-home", paramLabel = "DIR",
            description = "The embedded Solr's home, created with Ferry's CKAN configset on first use "
                    + "(default: $FERRY_HOME/solr, else ~/.ferry/solr).")
    Path solrHome;

    @Option(names = "--site-id", paramLabel = "ID",
            description = "CKAN's ckan.site_id (default: from -c ckan.ini, else \"default\").")
    String siteId;

    @Option(names = "--only-missing", description = "Index only the datasets the index does not have.")
    boolean onlyMissing;

    @Option(names = "--clear", description = "Empty the whole index first (the emptying is committed with the "
            + "new documents, not before).")
    boolean clear;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Database connections and indexing threads in parallel (default: the number of cores).")
    Integer jobs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "500",
            description = "Documents per Solr update request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--verify", description = "Compare the database with the index by id and metadata_modified "
            + "and list missing, extra and stale documents; index nothing.")
    boolean verify;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() {
        return new ReindexRun(this, Console.of(spec)).call();
    }
}
