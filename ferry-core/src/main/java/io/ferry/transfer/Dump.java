package io.ferry.transfer;

import io.ferry.Counts;
import com.github.luben.zstd.ZstdOutputStream;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Workers;
import io.ferry.archive.ArchiveWriter;
import io.ferry.connect.ConnectionSpec;
import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.schema.script.TransferScript;
import io.ferry.sql.SqlErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * {@code ferry dump}: writes a database into one archive (see {@code io.ferry.archive}). Workers read
 * chunks in parallel under one exported snapshot, compress each (zstd) into a temporary file, and
 * hand it to the single writer, which appends it as an entry; the manifest of row counts and
 * checksums comes last. The output can be a pipe.
 */
public final class Dump {
    /** Zstandard's level 1: several times faster than gzip's default and smaller too. */
    private static final int LEVEL = 1;

    /** What was written: totals, and per table (as SQL) the rows and checksum the manifest records. */
    public record Result(long rows, int chunks, long bytes, List<String> structureOnly, Map<String, Checksum> tables) {
    }

    private Dump() {
    }

    public static Result run(ConnectionSpec source, OutputStream out, TransferOptions options,
                             Transfer.Listener listener) {
        Path temp = null;
        try (Connection snapshot = source.open(); ArchiveWriter writer = new ArchiveWriter(out)) {
            Snapshots.begin(snapshot);
            listener.phase("reading the schema of " + source.display());
            Schema full = TransferState.withoutState(CatalogReader.read(snapshot, true));
            Schema schema = TableSelection.apply(full, options);
            List<String> leftOut = TableSelection.leftOut(full, schema);
            if (!leftOut.isEmpty()) {
                listener.note("left out (--include/--exclude): " + String.join(", ", leftOut));
            }
            TransferScript script = TransferScript.of(schema, options.keepOwners(), options.keepGrants());
            List<Chunk> chunks = CopyPlan.chunks(snapshot, schema, options);
            List<DumpContents.PlannedChunk> plan = new ArrayList<>();
            for (int i = 0; i < chunks.size(); i++) {
                plan.add(DumpContents.PlannedChunk.of(String.format(Locale.ROOT, "data/%06d.zst", i + 1), chunks.get(i)));
            }
            List<DumpContents.TableKeys> keys = new ArrayList<>();
            script.keysByTable().forEach((t, sql) -> keys.add(new DumpContents.TableKeys(t.schema(), t.name(), sql)));
            writer.entry(DumpContents.HEADER, DumpContents.write(new DumpContents.Header(DumpContents.FORMAT,
                    source.display(), Instant.now().toString(), serverVersion(snapshot))));
            writer.entry(DumpContents.SCHEMA, DumpContents.write(new DumpContents.SchemaPart(script.preData(), keys,
                    script.postData(), script.validations(), Sequences.read(snapshot),
                    CopyPlan.materializedViews(schema, script), CopyPlan.structureOnly(schema, options), plan)));

            temp = Files.createTempDirectory("ferry-dump");
            listener.phase("dumping " + Counts.of(plan.size(), "chunk") + " of "
                    + Counts.of(chunks.stream().map(Chunk::table).distinct().count(), "table") + " with "
                    + Counts.of(options.jobs(), "job"));
            listener.copyStarting(chunks, CopyPlan.estimatedRows(snapshot, chunks));
            // The target is not known yet: the hash is one this server computes and every target has.
            RowHash hash = RowHash.on(ServerVersions.of(snapshot));
            List<DumpContents.Written> written = writeChunks(source, Snapshots.export(snapshot), plan, writer, temp,
                    options, hash, listener);
            writer.entry(DumpContents.MANIFEST, DumpContents.write(new DumpContents.Manifest(written, hash.label())));
            snapshot.commit();
            Map<String, String> tableOfEntry = new HashMap<>();
            plan.forEach(p -> tableOfEntry.put(p.entry(), p.table()));
            Map<String, Checksum> tables = new TreeMap<>();
            written.forEach(w -> tables.merge(tableOfEntry.get(w.entry()), w.asChecksum(), Checksum::plus));
            return new Result(written.stream().mapToLong(DumpContents.Written::rows).sum(), written.size(),
                    written.stream().mapToLong(DumpContents.Written::bytes).sum(), CopyPlan.structureOnly(schema, options),
                    tables);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "dump failed: " + SqlErrors.describe(e), e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot write the dump: " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static List<DumpContents.Written> writeChunks(ConnectionSpec source, String snapshot,
                                                          List<DumpContents.PlannedChunk> plan, ArchiveWriter writer,
                                                          Path temp, TransferOptions options, RowHash hash,
                                                          Transfer.Listener listener) {
        ConcurrentLinkedQueue<DumpContents.PlannedChunk> queue = new ConcurrentLinkedQueue<>(plan);
        List<DumpContents.Written> written = Collections.synchronizedList(new ArrayList<>());
        Workers.repeat("dump", Math.max(1, Math.min(options.jobs(), plan.size())), queue::clear,
                () -> work(source, snapshot, queue, writer, temp, options, hash, listener, written));
        return written;
    }

    private static void work(ConnectionSpec source, String snapshot, ConcurrentLinkedQueue<DumpContents.PlannedChunk> queue,
                             ArchiveWriter writer, Path temp, TransferOptions options, RowHash hash,
                             Transfer.Listener listener,
                             List<DumpContents.Written> written) throws SQLException, IOException {
        try (Connection s = source.open()) {
            Snapshots.join(s, snapshot);
            SessionSettings.apply(s);
            DumpContents.PlannedChunk planned;
            while ((planned = queue.poll()) != null) {
                Chunk chunk = planned.chunk();
                Path file = temp.resolve(planned.entry().replace('/', '_'));
                listener.chunkStarted(chunk);
                // With checksums, the source hashes the rows as it sends them: no second scan of it.
                RowHashes hashes = options.verify() == Verify.CHECKSUMS ? new RowHashes(true) : null;
                long[] copied = copyOut(s, chunk, file, hashes, hash, listener);
                long rows = copied[0];
                String checksum = hashes == null ? null : hashes.checksum().sum().toPlainString();
                long bytes = Files.size(file);
                synchronized (writer) {
                    try (OutputStream entry = writer.entry(planned.entry())) {
                        Files.copy(file, entry);
                    }
                }
                Files.delete(file);
                written.add(new DumpContents.Written(planned.entry(), rows, checksum, bytes));
                listener.chunkCopied(chunk, rows, copied[1]);
            }
            s.commit();
        }
    }

    /**
     * Binary COPY of the chunk into a zstd-compressed file; returns the rows the server sent and the
     * bytes of COPY data (before compression). With {@code hashes}, the rows are hashed on the way.
     */
    private static long[] copyOut(Connection s, Chunk chunk, Path file, RowHashes hashes, RowHash hash,
                                  Transfer.Listener listener) throws SQLException, IOException {
        CopyOut copy = null;
        try {
            String sql = chunk.copyOutSql(" (FORMAT binary)", hashes == null ? null : hash);
            copy = s.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            try (ZstdOutputStream out = new ZstdOutputStream(Files.newOutputStream(file), LEVEL)) {
                out.setChecksum(true); // so a damaged chunk is caught when it is read back
                byte[] buffer;
                long bytes = 0;
                while ((buffer = copy.readFromCopy()) != null) {
                    int length = hashes == null ? buffer.length : hashes.strip(buffer, buffer.length);
                    out.write(buffer, 0, length);
                    bytes += length;
                    listener.streamed(length);
                }
                return new long[] {copy.getHandledRowCount(), bytes};
            }
        } catch (SQLException e) {
            if (hashes != null) {
                Checksum.requireRowTextFits(e, chunk.table());
            }
            throw e;
        } finally {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static String serverVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A leftover temporary folder is not worth failing a finished dump for.
        }
    }
}
