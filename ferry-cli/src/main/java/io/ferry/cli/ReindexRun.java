package io.ferry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.connect.CkanIni;
import io.ferry.search.IndexVerify;
import io.ferry.search.Reindex;
import io.ferry.search.ReindexListener;
import io.ferry.search.ReindexOptions;
import io.ferry.search.SolrTarget;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;

/** What {@code ferry reindex} does once its options are parsed. */
final class ReindexRun {
    private final ReindexCommand o;
    private final Console console;

    ReindexRun(ReindexCommand options, Console console) {
        this.o = options;
        this.console = console;
    }

    int call() {
        if (o.solr != null && o.solrHome != null) {
            throw new FerryException(ErrorCode.USAGE, "give either --solr or --solr-home, not both");
        }
        if (o.verify && (o.onlyMissing || o.clear)) {
            throw new FerryException(ErrorCode.USAGE, "--verify changes nothing: it takes neither --only-missing "
                    + "nor --clear");
        }
        CkanIni site = o.database.ckanIni == null ? null : CkanIni.read(o.database.ckanIni, console.environment());
        String siteId = o.siteId != null ? o.siteId : site != null ? site.siteId() : CkanIni.DEFAULT_SITE_ID;
        int jobs = o.jobs != null ? o.jobs : Math.max(1, Runtime.getRuntime().availableProcessors());
        ReindexOptions options = o.verify ? null : new ReindexOptions(siteId, o.onlyMissing, o.clear, jobs, o.batch);
        // With -c and --db both given, the database is --db's and the ini supplies the site id.
        try (Database db = Database.resolve(o.database.db, o.database.db != null ? null : o.database.ckanIni,
                console.environment())) {
            // The database is checked first: starting an embedded Solr takes seconds.
            Reindex.checkDatabase(db.spec());
            try (SolrTarget solr = solr(site)) {
                return run(db, solr, siteId, jobs, options);
            }
        }
    }

    /**
     * As CKAN does, the site's own Solr ({@code solr_url} of -c ckan.ini, with solr_user and
     * solr_password); the embedded Solr only when nothing names one.
     */
    private SolrTarget solr(CkanIni site) {
        if (o.solr != null) {
            return SolrTarget.open(o.solr);
        }
        if (o.solrHome == null && site != null && site.solrUrl().isPresent()) {
            return SolrTarget.open(site.solrUrl().get(), site.get(CkanIni.SOLR_USER).orElse(null),
                    site.get(CkanIni.SOLR_PASSWORD).orElse(null));
        }
        return SolrTarget.embedded(o.solrHome != null ? o.solrHome
                : FerryHome.root(console.environment()).resolve("solr"));
    }

    private int run(Database db, SolrTarget solr, String siteId, int jobs, ReindexOptions options) {
        if (o.verify) {
            return verify(db, solr, siteId);
        }
        if (!o.json) {
            console.out().println("Indexing " + db.spec().display() + " into " + solr.display() + " (site "
                    + siteId + ", " + jobs + " jobs, batches of " + o.batch + ")");
        }
        Interruption.during("the reindex of " + db.spec().display(), "nothing was committed to " + solr.display()
                + ", whose index is as it was; run it again: " + Interruption.sameCommand());
        Reindex.Result result;
        try (Progress progress = new Progress(!o.json, console)) {
            result = Reindex.run(db.spec(), solr, options, progress);
        }
        return summary(result, solr);
    }

    private int summary(Reindex.Result r, SolrTarget solr) {
        if (o.json) {
            ObjectNode root = Json.pretty().createObjectNode();
            root.put("target", solr.display());
            root.put("datasets", r.datasets());
            root.put("indexed", r.indexed());
            root.put("skipped", r.skipped());
            root.put("failed", r.failed());
            root.put("retries", r.retries());
            root.put("seconds", r.elapsed().toMillis() / 1000.0);
            root.put("datasets_per_second", Math.round(r.perSecond()));
            root.put("problem_count", r.problemCount());
            ArrayNode problems = root.putArray("problems");
            r.problems().forEach(problems::add);
            print(root);
        } else {
            console.out().printf(Locale.ROOT, "Indexed %,d of %,d datasets into %s in %.1f s (%,.0f datasets/s)%s%s%s; "
                            + "committed%n", r.indexed(), r.datasets(), solr.display(), r.elapsed().toNanos() / 1e9, r.perSecond(),
                    r.skipped() > 0 ? String.format(Locale.ROOT, ", %,d already indexed", r.skipped()) : "",
                    r.failed() > 0 ? String.format(Locale.ROOT, ", %,d refused by Solr", r.failed()) : "",
                    r.retries() > 0 ? String.format(Locale.ROOT, ", %d batches retried", r.retries()) : "");
            if (r.problemCount() > 0) {
                console.out().printf(Locale.ROOT, "%,d problems (listed on stderr)%n", r.problemCount());
            }
        }
        return r.problemCount() > 0 ? ErrorCode.VALIDATION_FAILED.exitCode() : 0;
    }

    private int verify(Database db, SolrTarget solr, String siteId) {
        IndexVerify.Report r = IndexVerify.run(db.spec(), solr, siteId);
        if (o.json) {
            ObjectNode root = Json.pretty().createObjectNode();
            root.put("target", solr.display());
            root.put("site_id", siteId);
            root.put("database", r.database());
            root.put("index", r.index());
            kind(root, "missing", r.missingCount(), r.missing());
            kind(root, "extra", r.extraCount(), r.extra());
            kind(root, "stale", r.staleCount(), r.stale());
            root.put("clean", r.clean());
            print(root);
        } else {
            console.out().printf(Locale.ROOT, "Database: %,d datasets (all states but deleted); index: %,d documents "
                    + "of site %s%n", r.database(), r.index(), siteId);
            line("missing (in the database, not in the index)", r.missingCount(), r.missing());
            line("extra (in the index, not in the database)", r.extraCount(), r.extra());
            line("stale (metadata_modified differs)", r.staleCount(), r.stale());
            console.out().println(r.clean() ? "The index matches the database."
                    : "The index differs from the database.");
        }
        return r.clean() ? 0 : ErrorCode.VALIDATION_FAILED.exitCode();
    }

    private static void kind(ObjectNode root, String name, long count, List<String> ids) {
        ObjectNode node = root.putObject(name);
        node.put("count", count);
        ArrayNode list = node.putArray("ids");
        ids.forEach(list::add);
    }

    private void line(String what, long count, List<String> ids) {
        console.out().printf(Locale.ROOT, "  %-46s %,d%s%n", what, count,
                ids.isEmpty() ? "" : "  e.g. " + String.join(", ", ids.subList(0, Math.min(5, ids.size()))));
    }

    private void print(ObjectNode root) {
        try {
            console.out().println(Json.pretty().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Progress: a bar with datasets/s and the time left on a terminal; elsewhere (logs, CI) a plain
     * line every ten per cent. Problems go to stderr as they are found.
     */
    private static final class Progress implements ReindexListener, AutoCloseable {
        private final boolean show;
        private final Console console;
        private final AtomicLong done = new AtomicLong();
        private volatile long total;
        private volatile ProgressBar bar;
        private long nextLine;

        Progress(boolean show, Console console) {
            this.show = show;
            this.console = console;
        }

        @Override
        public void started(long datasets) {
            total = datasets;
            nextLine = Math.max(1, datasets / 10);
            if (show) {
                bar = ProgressBars.builder(console, "Indexing", datasets, -1).map(b -> b.setUnit(" datasets", 1)
                        .showSpeed().setUpdateIntervalMillis(500).build()).orElse(null);
            }
        }

        @Override
        public void advanced(long count) {
            long now = done.addAndGet(count);
            if (bar != null) {
                bar.stepBy(count);
            } else if (show) {
                synchronized (this) {
                    if (now >= nextLine && now < total) {
                        console.out().printf(Locale.ROOT, "  %,d of %,d datasets (%d%%)%n", now, total,
                                now * 100 / total);
                        nextLine += Math.max(1, total / 10);
                    }
                }
            }
        }

        @Override
        public void problem(String line) {
            console.err().println("ferry: " + line);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
