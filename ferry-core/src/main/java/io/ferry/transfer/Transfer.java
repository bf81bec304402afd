package io.ferry.transfer;

import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.connect.DatabaseIdentity;
import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.schema.read.ServerRendering;
import io.ferry.schema.script.TransferScript;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Moves a database, as pgcopydb does it: read the source's schema under one exported snapshot,
 * create the tables on the target, copy all tables in parallel (largest first, big ones in chunks),
 * build keys and indexes in parallel and analyze each table once they are built, add foreign keys
 * NOT VALID and validate them, set sequences, refresh and analyze materialized views, verify.
 *
 * <p>Progress lives in the target's {@code ferry} schema: the pre-data script commits together with
 * the copy plan, each chunk with its rows, each post-data statement with its marker. A resumed run
 * ({@link TransferOptions#resume()}) picks up at the first unfinished piece. The state is removed
 * when the transfer succeeds.
 */
public final class Transfer {
    /** What a finished transfer moved and found. */
    public record Report(Map<String, Checksum> tables, List<String> excluded, List<String> mismatches,
                         List<String> schemaDifferences, int sequences, boolean resumed) {
        public boolean ok() {
            return mismatches.isEmpty() && schemaDifferences.isEmpty();
        }
    }

    /** Progress lines for people. */
    public interface Listener extends DataCopy.Listener {
        void phase(String description);

        void note(String line);

        /** A table of an archive was loaded in pieces over several connections ({@link SplitLoad}). */
        default void loadedInPieces(Chunk chunk, int pieces, int connections) {
        }
    }

    private final ConnectionSpec source;
    private final ConnectionSpec target;
    private final TransferOptions options;
    private final Listener listener;

    public Transfer(ConnectionSpec source, ConnectionSpec target, TransferOptions options, Listener listener) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.listener = listener;
    }

    public Report run() {
        try (Connection snapshot = source.open(); Connection t = target.open()) {
            DatabaseIdentity.requireDistinct(snapshot, source.display(), t, target.display(), "transfer");
            SessionSettings.withoutJit(snapshot);
            SessionSettings.withoutJit(t);
            options.roles().requireExist(t, target.display());
            Snapshots.begin(snapshot);
            listener.phase("reading the schema of " + source.display());
            Schema full = TransferState.withoutState(CatalogReader.read(snapshot, true));
            Schema schema = ServerVersions.withTargetsExtensions(t, TableSelection.apply(full, options), listener::note);
            ServerVersions.check(snapshot, ServerVersions.of(snapshot), ServerVersions.of(t), schema, options,
                    listener::note);
            List<String> leftOut = TableSelection.leftOut(full, schema);
            if (!leftOut.isEmpty()) {
                listener.note("left out (--include/--exclude): " + String.join(", ", leftOut));
            }
            TransferScript script = TransferScript.of(schema, options.keepOwners(), options.keepGrants());
            Set<String> small = CopyPlan.smallTables(snapshot, PostData.SMALL_BYTES);
            boolean resumed = TargetSetup.prepare(t, target.display(), options, script.preData(),
                    () -> CopyPlan.chunks(snapshot, schema, options),
                    CopyPlan.smallTables(snapshot, Autovacuum.TINY_BYTES), listener);

            Set<String> asText = Set.of();
            if (options.binary() && ServerRendering.major(snapshot) != ServerRendering.major(t)) {
                asText = ServerVersions.binaryUnsafeTables(snapshot);
                if (!asText.isEmpty()) {
                    listener.note("copied as text, their binary form differs between the two servers: "
                            + String.join(", ", asText));
                }
            }
            List<TransferState.Entry> plan = TransferState.load(t);
            long pending = plan.stream().filter(e -> !e.done()).count();
            listener.phase("copying " + Counts.of(pending, "chunk") + " of "
                    + Counts.of(plan.stream().map(e -> e.chunk().table()).distinct().count(), "table") + " with "
                    + Counts.of(options.jobs(), "job"));
            RowHashChoice hashes = rowHashes(snapshot, t, plan);
            PostData post = new PostData(target, options.jobs(), listener::note);
            EarlyKeys early = new EarlyKeys(listener, post, script, TransferScript.foreignKeys(schema), plan,
                    options.jobs());
            DataCopy.Result copied;
            try {
                copied = new DataCopy(source, target, options.jobs(), options.verify(), options.binary(),
                        options.stallSeconds(), early).textFor(asText)
                        .small(small)
                        .hashing(hashes).run(snapshot, plan);
            } catch (RuntimeException e) {
                early.abandon();
                throw e;
            }
            if (options.verify() != Verify.NONE) {
                listener.note(String.format(Locale.ROOT, "checking the tables took %.1f s of the copy workers' time",
                        copied.verifyNanos() / 1e9));
            }
            listener.phase("building keys, indexes and foreign keys");
            early.finish();
            post.run(script, TransferState.tables(plan));
            int sequences = Sequences.copy(snapshot, t);
            // Servers of different versions write views differently: compare them as the target writes them.
            Schema expected = ServerRendering.major(snapshot) == ServerRendering.major(t) ? schema
                    : ServerRendering.views(t, schema);
            snapshot.commit();
            return TargetFinish.finish(t, listener, CopyPlan.materializedViews(schema, script), "the source's",
                    TransferScript.of(expected, options.keepOwners(), options.keepGrants()).all(), options,
                    copied.tables(), CopyPlan.structureOnly(schema, options), copied.mismatches(), sequences, resumed);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "transfer failed: " + SqlErrors.describe(e), e);
        }
    }

    /** How each table's checksums hash its rows (said in a note); the tables exist on both sides by now. */
    private RowHashChoice rowHashes(Connection snapshot, Connection t, List<TransferState.Entry> plan)
            throws SQLException {
        if (options.verify() != Verify.CHECKSUMS) {
            return RowHashChoice.uniform(RowHash.HASHTEXT);
        }
        RowHashChoice hashes = RowHashChoice.between(snapshot, t, TransferState.tables(plan)).resuming(plan);
        hashes.describe(TransferState.tables(plan)).forEach(listener::note);
        return hashes;
    }
}
