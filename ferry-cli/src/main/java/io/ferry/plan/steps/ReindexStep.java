package io.ferry.plan.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.cli.FerryHome;
import io.ferry.connect.CkanIni;
import io.ferry.connect.ConnectionSpec;
import io.ferry.plan.PlanContext;
import io.ferry.plan.Progress;
import io.ferry.plan.RunContext;
import io.ferry.plan.Step;
import io.ferry.plan.StepKind;
import io.ferry.plan.StepResult;
import io.ferry.plan.StepSpec;
import io.ferry.search.IndexVerify;
import io.ferry.search.Reindex;
import io.ferry.search.ReindexListener;
import io.ferry.search.ReindexOptions;
import io.ferry.search.SolrTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code kind: reindex}: rebuilds CKAN's search index from {@code db} (default: the target), as
 * {@code ferry reindex} does, then checks the index against the database ({@code ferry reindex
 * --verify}); a missing, extra or stale document fails the step. Options: {@code db}; {@code solr}
 * (an {@code http://} or {@code zk://} URL, or the folder of an embedded Solr, relative to the plan
 * file); {@code site_id} (CKAN's {@code ckan.site_id}); {@code jobs}; {@code batch}. When {@code db}
 * is a {@code ckan_ini:} connection, the site's own {@code solr_url} (with {@code solr_user} and
 * {@code solr_password}) and {@code ckan.site_id} are the defaults, as CKAN would search there;
 * otherwise the embedded Solr in Ferry's home and {@code default}. Run again after a crash, it
 * rebuilds the whole index: nothing is committed before every document is in.
 */
public final class ReindexStep implements Step {
    private final String db;
    private final String solr;
    /** solr_user and solr_password of the site's config, or null: never shown. */
    private final String solrUser;
    private final String solrPassword;
    private final ReindexOptions options;

    private ReindexStep(String db, String solr, String solrUser, String solrPassword, ReindexOptions options) {
        this.db = db;
        this.solr = solr;
        this.solrUser = solrUser;
        this.solrPassword = solrPassword;
        this.options = options;
    }

    public static final class Kind implements StepKind {
        @Override
        public String name() {
            return "reindex";
        }

        @Override
        public Step prepare(StepSpec spec, PlanContext plan) {
            String db = plan.connection(spec.options(), "db", "target");
            Optional<CkanIni> site = plan.site(db);
            String solr = spec.options().string("solr", null);
            String user = null;
            String password = null;
            if (solr != null && !solr.contains("://")) {
                solr = plan.file(solr).toString();
            } else if (solr == null && site.isPresent() && site.get().solrUrl().isPresent()) {
                solr = site.get().solrUrl().get();
                user = site.get().get(CkanIni.SOLR_USER).orElse(null);
                password = site.get().get(CkanIni.SOLR_PASSWORD).orElse(null);
            }
            String siteId = spec.options().string("site_id", site.map(CkanIni::siteId).orElse(CkanIni.DEFAULT_SITE_ID));
            ReindexOptions options;
            try {
                options = new ReindexOptions(siteId, false, false,
                        spec.options().integer("jobs", Math.max(1, Runtime.getRuntime().availableProcessors())),
                        spec.options().integer("batch", ReindexOptions.DEFAULT_BATCH));
            } catch (FerryException e) {
                throw spec.options().error(e.getMessage().replace("--site-id", "site_id").replace("--", ""));
            }
            return new ReindexStep(db, solr, user, password, options);
        }
    }

    @Override
    public String describe() {
        return "rebuild the search index of site " + options.siteId() + " from " + db + " into "
                + (solr == null ? "the embedded Solr in Ferry's home" : SolrTarget.display(solr))
                + ", then check it against the database";
    }

    @Override
    public StepResult run(RunContext context, boolean resuming) {
        ConnectionSpec database = context.connection(db);
        // The database is checked first: starting an embedded Solr takes seconds.
        Reindex.checkDatabase(database);
        try (SolrTarget target = open(context)) {
            Reindex.Result result;
            try (Progress.Task task = context.progress().task("reindex", 0, "datasets")) {
                result = Reindex.run(database, target, options, new ReindexListener() {
                    @Override
                    public void started(long datasets) {
                        task.total(datasets);
                        task.note(String.format(Locale.ROOT, "%,d datasets to index", datasets));
                    }

                    @Override
                    public void advanced(long count) {
                        task.advance(count);
                    }

                    @Override
                    public void problem(String line) {
                        task.note(line);
                    }
                });
            }
            IndexVerify.Report check = IndexVerify.run(database, target, options.siteId());
            ObjectNode details = details(result, check, target);
            if (!check.clean()) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, String.format(Locale.ROOT,
                        "the index of %s differs from the database after the rebuild: %,d missing, %,d extra, "
                                + "%,d stale", target.display(), check.missingCount(), check.extraCount(),
                        check.staleCount()));
            }
            List<String> warnings = new ArrayList<>(result.problems());
            if (result.problemCount() > result.problems().size()) {
                warnings.add((result.problemCount() - result.problems().size()) + " more indexing problems");
            }
            return new StepResult(String.format(Locale.ROOT, "indexed %,d datasets of site %s into %s in %.1f s "
                    + "(%,.0f datasets/s); the index matches the database", result.indexed(), options.siteId(),
                    target.display(), result.elapsed().toNanos() / 1e9,
                    result.perSecond()), details, warnings);
        }
    }

    private SolrTarget open(RunContext context) {
        if (solr != null && solr.contains("://")) {
            return SolrTarget.open(solr, solrUser, solrPassword);
        }
        return SolrTarget.embedded(solr != null ? Path.of(solr)
                : FerryHome.root(context.console().environment()).resolve("solr"));
    }

    private ObjectNode details(Reindex.Result result, IndexVerify.Report check, SolrTarget target) {
        ObjectNode details = Json.compact().createObjectNode();
        details.put("target", target.display());
        details.put("site_id", options.siteId());
        details.put("datasets", result.datasets());
        details.put("indexed", result.indexed());
        details.put("failed", result.failed());
        details.put("seconds", result.elapsed().toMillis() / 1000.0);
        details.put("datasets_per_second", Math.round(result.perSecond()));
        ObjectNode verification = details.putObject("index_verification");
        verification.put("database", check.database());
        verification.put("index", check.index());
        verification.put("missing", check.missingCount());
        verification.put("extra", check.extraCount());
        verification.put("stale", check.staleCount());
        verification.put("clean", check.clean());
        ArrayNode problems = details.putArray("problems");
        result.problems().forEach(problems::add);
        return details;
    }
}
