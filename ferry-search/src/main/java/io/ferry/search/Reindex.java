package io.ferry.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Workers;
import io.ferry.ckan.check.CkanVersion;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;

/**
 * {@code ferry reindex}: rebuilds one site's CKAN documents from the database into Solr.
 *
 * <p>The datasets are cut into id ranges, one per job; each job streams its range with
 * {@link DatasetQuery}, builds the documents ({@link CkanDocument}) and sends them in batches. Nothing
 * is committed until every batch is in, so searches see the old index until the new one is whole.
 * A full rebuild marks its documents with one {@code indexed_ts}; at the end the site's documents
 * without that mark (datasets deleted since the last rebuild) are removed in the same commit.
 */
public final class Reindex {
    /** What a rebuild did. {@code problems} lists at most {@link #MAX_PROBLEMS} lines; {@code problemCount} counts all. */
    public record Result(long datasets, long indexed, long skipped, long failed, List<String> problems,
                         long problemCount, int retries, Duration elapsed) {
        public double perSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s <= 0 ? 0 : indexed / s;
        }
    }

    static final int MAX_PROBLEMS = 1_000;
    private static final int ATTEMPTS = 3;
    private static final int FETCH_SIZE = 1_000;

    private final ConnectionSpec db;
    private final SolrTarget target;
    private final ReindexOptions options;
    private final ReindexListener listener;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong indexed = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong problemCount = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final List<String> problems = new ArrayList<>();

    private Reindex(ConnectionSpec db, SolrTarget target, ReindexOptions options, ReindexListener listener) {
        this.db = db;
        this.target = target;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Rebuilds the index.
     *
     * @throws FerryException CONNECTION when the database or Solr cannot be reached; CONFIGURATION when
     *                        the Solr schema is not CKAN's; VALIDATION_FAILED when the database is not a
     *                        CKAN 2.8 to 2.11 schema; INTERNAL when Solr keeps failing a batch (nothing is committed)
     */
    public static Result run(ConnectionSpec db, SolrTarget target, ReindexOptions options, ReindexListener listener) {
        return new Reindex(db, target, options, listener).run();
    }

    private Result run() {
        long start = System.nanoTime();
        // Solr stores milliseconds: the mark must compare equal once stored.
        Date mark = Date.from(Instant.ofEpochMilli(System.currentTimeMillis()));
        List<DatasetQuery.Range> ranges;
        long total;
        CkanTables tables;
        try (Connection c = db.open()) {
            tables = CkanTables.read(c, CkanVersion.of(c));
            total = count(c, tables.version());
            ranges = DatasetQuery.ranges(c, tables.version(), options.jobs());
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "reindex: " + SqlErrors.describe(e), e);
        }
        SchemaCheck.require(target, tables.version());
        Set<String> present = options.onlyMissing() ? IndexedIds.read(target, options.siteId()).keySet() : Set.of();
        if (options.clear()) {
            update("clearing the index", () -> target.client().deleteByQuery(target.collection(), "*:*"));
        }
        listener.started(total);
        runJobs(tables, ranges, present, mark);
        if (!options.onlyMissing() && !options.clear()) {
            String stale = "+site_id:" + ClientUtils.escapeQueryChars(options.siteId()) + " -indexed_ts:\""
                    + mark.toInstant() + "\"";
            update("removing documents of deleted datasets", () -> target.client()
                    .deleteByQuery(target.collection(), stale));
        }
        update("committing", () -> target.client().commit(target.collection(), true, true));
        synchronized (problems) {
            return new Result(total, indexed.get(), skipped.get(), failed.get(), List.copyOf(problems),
                    problemCount.get(), (int) retries.get(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** One job per id range, all at once; the first failure stops the others and rolls back what was sent. */
    private void runJobs(CkanTables tables, List<DatasetQuery.Range> ranges, Set<String> present, Date mark) {
        Workers.run("reindex", ranges.size(),
                ranges.stream().<Workers.Body>map(range -> () -> job(tables, range, present, mark)).toList(), this::rollback);
    }

    /** One job: stream one id range, build its documents, send them in batches. */
    private void job(CkanTables tables, DatasetQuery.Range range, Set<String> present, Date mark)
            throws SQLException {
        CkanDocument builder = new CkanDocument(json, options.siteId(), mark, tables);
        List<CkanDocument.Built> batch = new ArrayList<>(options.batch());
        try (Connection c = db.open()) {
            // A cursor (autocommit off + fetch size) streams the rows instead of loading them all.
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try (PreparedStatement st = c.prepareStatement(DatasetQuery.sql(tables, range))) {
                st.setFetchSize(FETCH_SIZE);
                DatasetQuery.bind(st, tables, range);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                        if (present.contains(rs.getString("id"))) {
                            skipped.incrementAndGet();
                            listener.advanced(1);
                            continue;
                        }
                        CkanDocument.Built built = builder.build(rs);
                        built.problems().forEach(this::problem);
                        batch.add(built);
                        if (batch.size() == options.batch()) {
                            send(batch);
                            batch.clear();
                        }
                    }
                }
            }
            c.rollback();
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    /**
     * Sends one batch. A batch Solr refuses as bad is sent again one document at a time so that only
     * the bad documents fail, each reported by name; a batch that fails otherwise (network, server)
     * is retried, and after the last attempt the whole rebuild stops without committing.
     */
    private void send(List<CkanDocument.Built> batch) {
        List<SolrInputDocument> docs = new ArrayList<>(batch.size());
        batch.forEach(b -> docs.add(b.doc()));
        for (int attempt = 1; ; attempt++) {
            try {
                target.client().add(target.collection(), docs);
                indexed.addAndGet(docs.size());
                listener.advanced(docs.size());
                return;
            } catch (SolrServerException | IOException | SolrException e) {
                if (SolrErrors.isRejection(e)) {
                    sendOneByOne(batch);
                    return;
                }
                if (attempt == ATTEMPTS) {
                    throw new FerryException(ErrorCode.INTERNAL, "Solr at " + target.display() + " failed a batch of "
                            + docs.size() + " datasets " + ATTEMPTS + " times (first: " + batch.get(0).id()
                            + "): " + EmbeddedSolr.rootMessage(e) + "; nothing was committed", e);
                }
                retries.incrementAndGet();
                pause(attempt);
            }
        }
    }

    private void sendOneByOne(List<CkanDocument.Built> batch) {
        for (CkanDocument.Built b : batch) {
            try {
                target.client().add(target.collection(), b.doc());
                indexed.incrementAndGet();
            } catch (SolrServerException | IOException | SolrException e) {
                failed.incrementAndGet();
                problem("dataset " + b.doc().getFieldValue("name") + " (" + b.id() + "): Solr refused it: "
                        + EmbeddedSolr.rootMessage(e));
            }
            listener.advanced(1);
        }
    }

    private void problem(String line) {
        problemCount.incrementAndGet();
        synchronized (problems) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(line);
            }
        }
        listener.problem(line);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(1000L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.INTERNAL, "reindex interrupted", e);
        }
    }

    /** Takes back what was sent but not committed; SolrCloud cannot, and then the next rebuild repairs it. */
    private void rollback() {
        try {
            target.client().rollback(target.collection());
        } catch (SolrServerException | IOException | SolrException e) {
            // Best effort only: the failure being reported matters more.
        }
    }

    private interface SolrCall {
        void run() throws SolrServerException, IOException;
    }

    private void update(String what, SolrCall call) {
        try {
            call.run();
        } catch (SolrServerException | IOException | SolrException e) {
            throw SolrErrors.failure(what, target, e);
        }
    }

    /**
     * Checks that the database can be indexed, before any Solr is started or contacted; returns the
     * CKAN release whose documents Ferry will build.
     *
     * @throws FerryException CONNECTION when it cannot be reached; VALIDATION_FAILED when it is not a
     *                        CKAN database at 2.8 to 2.11
     */
    public static String checkDatabase(ConnectionSpec db) {
        try (Connection c = db.open()) {
            return CkanVersion.of(c).label();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "reindex: " + SqlErrors.describe(e), e);
        }
    }

    static long count(Connection c, CkanVersion version) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM package p WHERE " + DatasetQuery.indexed(version))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
