package io.ferry.pgdump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.FerryException;
import io.ferry.diff.Diff;
import io.ferry.diff.DiffOptions;
import io.ferry.diff.SchemaDiff;
import io.ferry.schema.read.CatalogReader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import io.ferry.transfer.Chunk;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives written by the real pg_dump 15, loaded in parallel as a transfer loads: the target equals
 * the source in schema and rows, tables really load side by side, and a load that failed midway
 * resumes to the same end.
 */
class PgDumpLoadTest {
    @TempDir
    static Path dir;
    static TestDatabase source;

    @BeforeAll
    static void createSource() {
        PgDumpFixture.requirePgDump();
        source = PostgresExtension.newDatabase("pgdump_load_source");
        PgDumpFixture.create(source);
        source.execute("SELECT nextval('ticket') FROM generate_series(1, 5)");
    }

    static TransferOptions options(int jobs, String... excludeTableData) {
        return new TransferOptions(jobs, Verify.COUNTS, false, false, false, false, List.of(excludeTableData),
                TransferOptions.DEFAULT_CHUNK_BYTES, false);
    }

    /** Records what the load says, and how many tables were loading at the most at one time. */
    static class Recorder implements Transfer.Listener {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        /** With it, each table waits, up to {@code patience} seconds, for a second one to start beside it. */
        final CountDownLatch two;
        final int patience;

        Recorder(boolean waitForASecond) {
            this(waitForASecond, 10);
        }

        Recorder(boolean waitForASecond, int patience) {
            two = new CountDownLatch(waitForASecond ? 2 : 0);
            this.patience = patience;
        }

        @Override
        public void phase(String description) {
            lines.add(description);
        }

        @Override
        public void note(String line) {
            lines.add(line);
        }

        @Override
        public void chunkStarted(Chunk chunk) {
            started.incrementAndGet();
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            two.countDown();
            try {
                two.await(patience, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void chunkCopied(Chunk chunk, long rows, long bytes) {
            inFlight.decrementAndGet();
        }
    }

    static Transfer.Report load(TestDatabase target, Path archive, TransferOptions options, Recorder recorder) {
        return load(target, PgDumpArchive.open(archive), options, recorder);
    }

    static Transfer.Report load(TestDatabase target, PgDumpArchive archive, TransferOptions options, Recorder recorder) {
        return PgDumpLoad.load(target.spec(), archive, options, recorder, PostgresExtension.server());
    }

    private static void assertSameAsSource(TestDatabase target) {
        Diff diff = SchemaDiff.between(CatalogReader.read(source.spec()), CatalogReader.read(target.spec()),
                DiffOptions.defaults());
        assertTrue(diff.isEmpty(), diff.changes().toString());
        assertEquals(PgDumpFixture.checksums(source), PgDumpFixture.checksums(target));
        assertEquals(source.queryLong("SELECT last_value FROM ticket"), target.queryLong("SELECT last_value FROM ticket"));
        assertEquals(source.queryLong("SELECT last_value FROM tag_id_seq"),
                target.queryLong("SELECT last_value FROM tag_id_seq"));
        assertEquals("X!", target.queryString("SELECT shout('x')"));
        assertEquals(null, target.queryString("SELECT to_regclass('ferry.transfer_chunk')::text"), "state dropped");
    }

    private void loadsInParallel(String name, String... format) throws Exception {
        Path archive = PgDumpFixture.dump(source, dir.resolve(name), format);
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_" + name.replace('.', '_'));
        Recorder recorder = new Recorder(true);
        Transfer.Report report = load(target, archive, options(2), recorder);
        assertTrue(report.ok(), report.toString());
        assertEquals(300L, report.tables().get("\"public\".\"package\"").rows());
        assertEquals(4, report.tables().size());
        assertEquals(2, recorder.most.get(), name + ": two tables loaded at once");
        assertSameAsSource(target);
    }

    @Test
    void loadsACustomArchiveInParallel() throws Exception {
        loadsInParallel("gz.dump", "-Fc");
    }

    @Test
    void loadsAnUncompressedCustomArchiveInParallel() throws Exception {
        loadsInParallel("z0.dump", "-Fc", "-Z0");
    }

    @Test
    void loadsADirectoryInParallel() throws Exception {
        loadsInParallel("dir", "-Fd", "-j", "2");
    }

    @Test
    void loadsATarArchiveInParallel() throws Exception {
        loadsInParallel("x.tar", "-Ft");
    }

    @Test
    void aCustomArchiveWithoutOffsetsLoadsOneTableAtATime() throws Exception {
        Path archive = dir.resolve("piped.dump");
        Process p = new ProcessBuilder("sh", "-c", "pg_dump -Fc -h localhost -p " + source.spec().port() + " -U "
                + source.spec().user() + " " + source.name() + " | cat > " + archive).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        assertFalse(PgDumpArchive.open(archive).dataSeekable());
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_piped");
        Recorder recorder = new Recorder(true, 2);
        Transfer.Report report = load(target, archive, options(2), recorder);
        assertTrue(report.ok(), report.toString());
        assertEquals(1, recorder.most.get());
        assertTrue(recorder.lines.contains(archive + " records no data offsets (pg_dump wrote it to a pipe): its "
                + "tables load one at a time"), recorder.lines.toString());
        assertSameAsSource(target);
    }

    @Test
    void resumesAfterACorruptDataBlockIsReplaced() throws Exception {
        Path archive = PgDumpFixture.dump(source, dir.resolve("sound.dump"), "-Fc");
        PgDumpArchive read = PgDumpArchive.open(archive);
        // tag is loaded after the bigger package and package_tag (one job): those two are in when it fails.
        TocEntry data = PgDumpArchiveTest.entry(read, "TABLE DATA", "tag");
        byte[] bytes = Files.readAllBytes(archive);
        // Past the block's type, dump id and first chunk length: into the zlib stream itself.
        int at = (int) data.dataOffset() + 1 + 5 + 5 + 2;
        for (int i = at; i < at + 4; i++) {
            bytes[i] ^= 0x5a;
        }
        Path corrupt = Files.write(dir.resolve("damaged.dump"), bytes);
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_resume");
        FerryException e = assertThrows(FerryException.class, () -> load(target, corrupt, options(1), new Recorder(false)));
        assertTrue(e.getMessage().startsWith(corrupt + ": TABLE DATA public.tag (dump id " + data.dumpId() + ")"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("rerun with --resume, or start over with --clean --yes"), e.getMessage());
        long recorded = target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL");
        assertEquals(2, recorded, "the two bigger tables are in");

        // The operator fetches a sound copy and resumes: the tables done are kept, the rest loads.
        Recorder recorder = new Recorder(false);
        Transfer.Report report = load(target, archive, options(1).withResume(true), recorder);
        assertTrue(report.ok(), report.toString());
        assertTrue(report.resumed());
        assertEquals(2, recorder.started.get(), "only the rest loaded");
        assertSameAsSource(target);
    }

    /**
     * A table this load committed was checked as it committed (rows loaded against rows read); a
     * table an earlier run recorded is counted again on resume: a row lost since is found.
     */
    @Test
    void aResumedLoadCountsTheTablesAnEarlierRunRecorded() throws Exception {
        Path archive = PgDumpFixture.dump(source, dir.resolve("recount.dump"), "-Fc");
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_recount");
        // Stops after the two biggest tables, as a crash would (their keys are not built yet).
        Recorder stopping = new Recorder(false) {
            @Override
            public void chunkStarted(Chunk chunk) {
                if (started.get() == 2) {
                    throw new IllegalStateException("stopped");
                }
                super.chunkStarted(chunk);
            }
        };
        assertThrows(FerryException.class, () -> load(target, archive, options(1), stopping));
        assertEquals(2, target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL"));
        target.execute("DELETE FROM package_tag WHERE ctid = (SELECT min(ctid) FROM package_tag)");

        FerryException e = assertThrows(FerryException.class,
                () -> load(target, archive, options(1).withResume(true), new Recorder(false)));
        long rows = source.queryLong("SELECT count(*) FROM package_tag");
        assertTrue(e.getMessage().contains("\"public\".\"package_tag\": source has " + rows + " rows, target "
                + (rows - 1)), e.getMessage());
    }

    @Test
    void keepsExcludedTablesAsStructureOnlyAndLeavesOutExcludedTables() throws Exception {
        Path archive = PgDumpFixture.dump(source, dir.resolve("options.dump"), "-Fc");
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_options");
        TransferOptions options = options(2, "package_tag").withTables(List.of(), List.of("public.blob"));
        Transfer.Report report = load(target, archive, options, new Recorder(false));
        assertTrue(report.ok(), report.toString());
        assertEquals(List.of("\"public\".\"package_tag\""), report.excluded());
        assertEquals(0, target.queryLong("SELECT count(*) FROM package_tag"));
        assertEquals(300, target.queryLong("SELECT count(*) FROM package"));
        assertEquals(null, target.queryString("SELECT to_regclass('public.blob')::text"));
    }

    @Test
    void aTruncatedArchiveIsRefusedBeforeLoading() throws Exception {
        Path archive = PgDumpFixture.dump(source, dir.resolve("whole.dump"), "-Fc", "-Z0");
        byte[] bytes = Files.readAllBytes(archive);
        Path tocCut = Files.write(dir.resolve("toc-cut.dump"), Arrays.copyOf(bytes, 900));
        FerryException e = assertThrows(FerryException.class, () -> PgDumpArchive.open(tocCut));
        assertTrue(e.getMessage().startsWith(tocCut + ": the archive ends unexpectedly (truncated?) in its table of "
                + "contents, at entry"), e.getMessage());

        Path dataCut = Files.write(dir.resolve("data-cut.dump"), Arrays.copyOf(bytes, bytes.length - 300));
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_truncated");
        FerryException cut = assertThrows(FerryException.class, () -> load(target, dataCut, options(1),
                new Recorder(false)));
        assertTrue(cut.getMessage().contains("its data ends unexpectedly (truncated?)"), cut.getMessage());
    }

    @Test
    void wrongMagicAndFutureVersionsAreNamed() throws Exception {
        Path archive = PgDumpFixture.dump(source, dir.resolve("v.dump"), "-Fc");
        byte[] bytes = Files.readAllBytes(archive);
        bytes[6] = 17;
        Path future = Files.write(dir.resolve("future.dump"), bytes);
        FerryException e = assertThrows(FerryException.class, () -> PgDumpArchive.open(future));
        assertEquals(future + ": archive version 1.17 is newer than this Ferry reads (up to 1.16, written by "
                + "pg_dump 17)", e.getMessage());
        bytes[0] = 'X';
        Path magic = Files.write(dir.resolve("magic.dump"), bytes);
        e = assertThrows(FerryException.class, () -> PgDumpArchive.open(magic));
        assertEquals(magic + " is not a pg_dump archive (it does not start with PGDMP)", e.getMessage());
    }

    @Test
    void aFailingDefinitionIsNamedByItsEntry() throws Exception {
        PgDumpArchive plain = PgDumpArchive.open(PgDumpFixture.dump(source, dir.resolve("plain.dump"), "-Fc", "-Z0"));
        // The index comes late among the definitions: many have run on the throwaway server by then.
        Path archive = new ArchiveWriter(15, 0, data -> data).write(plain, dir.resolve("clash.dump"),
                e -> !e.description().equals("INDEX") ? e : new TocEntry(e.dumpId(), e.hasData(), e.section(),
                        e.description(), e.namespace(), e.tag(), e.owner(),
                        e.definition().replace("(tag_id)", "(no_such_column)"), e.dropStatement(), e.copyStatement(),
                        e.tableAccessMethod(), e.dependencies(), e.dataOffset(), e.fileName()));
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_clash");
        FerryException e = assertThrows(FerryException.class, () -> load(target, archive, options(2),
                new Recorder(false)));
        int id = PgDumpArchiveTest.entry(plain, "INDEX", "package_tag_tag").dumpId();
        assertTrue(e.getMessage().startsWith(archive + ": INDEX public.package_tag_tag (dump id " + id + "): "),
                e.getMessage());
        assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
        assertEquals(null, target.queryString("SELECT to_regclass('public.package')::text"), "nothing half-loaded");
    }

    @Test
    void anArchiveInAnotherEncodingIsRefusedBeforeLoading() throws Exception {
        PgDumpArchive plain = PgDumpArchive.open(PgDumpFixture.dump(source, dir.resolve("utf8.dump"), "-Fc", "-Z0"));
        Path archive = new ArchiveWriter(15, 0, data -> data).write(plain, dir.resolve("latin1.dump"),
                e -> !e.description().equals("ENCODING") ? e : new TocEntry(e.dumpId(), e.hasData(), e.section(),
                        e.description(), e.namespace(), e.tag(), e.owner(), "SET client_encoding = 'LATIN1';\n",
                        e.dropStatement(), e.copyStatement(), e.tableAccessMethod(), e.dependencies(), e.dataOffset(),
                        e.fileName()));
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_latin1");
        FerryException e = assertThrows(FerryException.class, () -> load(target, archive, options(2),
                new Recorder(false)));
        assertEquals(archive + ": the archive's data is not UTF-8 (SET client_encoding = 'LATIN1';); Ferry loads "
                + "UTF-8 archives only: dump with pg_dump -E UTF8", e.getMessage());
    }

    @Test
    void rowsOfATableWithoutColumnsAreRefusedBeforeLoading() throws Exception {
        TestDatabase columnless = PostgresExtension.newDatabase("pgdump_load_columnless_source");
        columnless.execute("CREATE TABLE nothing (); CREATE TABLE empty (); INSERT INTO nothing DEFAULT VALUES; "
                + "INSERT INTO nothing DEFAULT VALUES; CREATE TABLE kept (id int)");
        Path archive = PgDumpFixture.dump(columnless, dir.resolve("columnless.dump"), "-Fc");
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_columnless");
        FerryException e = assertThrows(FerryException.class, () -> load(target, archive, options(2),
                new Recorder(false)));
        assertEquals("\"public\".\"nothing\" has no columns but 2 rows in the archive, which Ferry cannot load; "
                + "restore it with pg_restore", e.getMessage());
        assertEquals(null, target.queryString("SELECT to_regclass('public.kept')::text"), "nothing loaded");
    }
}
