package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DataCopyTest {
    private static final String SCHEMA = """
            CREATE TABLE package (id text PRIMARY KEY, name text, notes text);
            CREATE TABLE tag_log (package_id text, tag text);
            """;
    private static final String DATA = """
            INSERT INTO package SELECT md5(g::text), 'dataset-' || g, repeat('words ', g % 40)
                FROM generate_series(1, 30000) g;
            INSERT INTO tag_log SELECT md5((g % 30000)::text), 'tag' || (g % 17) FROM generate_series(1, 60000) g;
            ANALYZE;
            """;

    private static final List<ChunkPlanner.TableInfo> TABLES = List.of(
            new ChunkPlanner.TableInfo("public", "package", List.of("\"id\"", "\"name\"", "\"notes\""), List.of("id")),
            new ChunkPlanner.TableInfo("public", "tag_log", List.of("\"package_id\"", "\"tag\""), List.of()));

    private static List<TransferState.Entry> plan(Connection source, Connection target) throws Exception {
        List<Chunk> chunks = new ArrayList<>();
        for (ChunkPlanner.TableInfo t : TABLES) {
            chunks.addAll(ChunkPlanner.plan(source, t, 200 * 1024, true, 1));
        }
        TransferState.create(target);
        TransferState.savePlan(target, chunks);
        return TransferState.load(target);
    }

    private static Connection snapshot(TestDatabase source) throws Exception {
        Connection c = source.open();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
        return c;
    }

    @Test
    void parallelCopyIsCompleteAndVerified(TestDatabase source, TestDatabase target) throws Exception {
        source.execute(SCHEMA + DATA);
        target.execute(SCHEMA);
        DataCopy.Result result;
        try (Connection snap = snapshot(source); Connection t = target.open()) {
            List<TransferState.Entry> plan = plan(snap, t);
            assertTrue(plan.size() > 4, "several chunks: " + plan.size());
            result = new DataCopy(source.spec(), target.spec(), 3, Verify.CHECKSUMS, true, (c, rows, bytes) -> { })
                    .run(snap, plan);
        }
        assertEquals(List.of(), result.mismatches());
        assertEquals(30000, result.tables().get("\"public\".\"package\"").rows());
        assertEquals(60000, target.queryLong("SELECT count(*) FROM tag_log"));
    }

    @Test
    void eachTableIsCheckedOnceItsRowsAreInAndAnOutsideWriteIsCaught(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute(SCHEMA + DATA);
        target.execute(SCHEMA);
        for (Verify verify : List.of(Verify.COUNTS, Verify.CHECKSUMS)) {
            target.execute("DROP SCHEMA IF EXISTS ferry CASCADE; TRUNCATE package, tag_log");
            DataCopy.Result result;
            try (Connection snap = snapshot(source); Connection t = target.open()) {
                List<TransferState.Entry> plan = plan(snap, t);
                // Someone else writes into tag_log as its rows land: the table's check must see it.
                AtomicBoolean written = new AtomicBoolean();
                result = new DataCopy(source.spec(), target.spec(), 2, verify, true, (c, rows, bytes) -> {
                    if (c.table().equals("\"public\".\"tag_log\"") && !written.getAndSet(true)) {
                        target.execute("INSERT INTO tag_log VALUES ('intruder', 'x')");
                    }
                }).run(snap, plan);
            }
            assertEquals(1, result.mismatches().size(), verify + ": " + result.mismatches());
            assertTrue(result.mismatches().get(0).startsWith("\"public\".\"tag_log\": "), result.mismatches().get(0));
            assertTrue(result.mismatches().get(0).contains(verify == Verify.COUNTS ? "source has 60000 rows, target 60001"
                    : "checksum differs (source 60000 rows"), result.mismatches().get(0));
        }
    }

    @Test
    void aKeyedTableThatDiffersIsCheckedChunkByChunkToNameTheChunk(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute(SCHEMA + DATA);
        target.execute(SCHEMA);
        DataCopy.Result result;
        try (Connection snap = snapshot(source); Connection t = target.open()) {
            List<TransferState.Entry> plan = plan(snap, t);
            AtomicBoolean written = new AtomicBoolean();
            result = new DataCopy(source.spec(), target.spec(), 2, Verify.CHECKSUMS, true, (c, rows, bytes) -> {
                if (c.table().equals("\"public\".\"package\"") && !written.getAndSet(true)) {
                    // Sorts after every md5 key: it lands in the last key range.
                    target.execute("INSERT INTO package VALUES ('zz-intruder', 'x', 'y')");
                }
            }).run(snap, plan);
            long chunks = plan.stream().filter(e -> e.chunk().table().equals("\"public\".\"package\"")).count();
            assertTrue(chunks > 2, "several chunks: " + chunks);
            assertEquals(2, result.mismatches().size(), result.mismatches().toString());
            assertTrue(result.mismatches().get(0).startsWith("\"public\".\"package\": checksum differs (source 30000 rows"),
                    result.mismatches().get(0));
            assertTrue(result.mismatches().get(1).startsWith("\"public\".\"package\" [" + chunks + "/" + chunks
                    + "]: checksum differs"), result.mismatches().get(1));
        }
    }

    @Test
    void aCopyThatFailsMidwayResumesWithoutDoublingOrLosingRows(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute(SCHEMA + DATA);
        target.execute(SCHEMA);
        AtomicInteger finished = new AtomicInteger();
        try (Connection snap = snapshot(source); Connection t = target.open()) {
            List<TransferState.Entry> plan = plan(snap, t);
            RuntimeException crash = assertThrows(RuntimeException.class, () -> new DataCopy(source.spec(),
                    target.spec(), 2, Verify.CHECKSUMS, true, (c, rows, bytes) -> {
                        if (finished.incrementAndGet() == 3) {
                            throw new IllegalStateException("simulated crash");
                        }
                    }).run(snap, plan));
            assertEquals("simulated crash", crash.getMessage());
        }
        long partial = target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL");
        assertTrue(partial >= 3 && partial < target.queryLong("SELECT count(*) FROM ferry.transfer_chunk"),
                "some chunks done, some not: " + partial);

        DataCopy.Result resumed;
        try (Connection snap = snapshot(source); Connection t = target.open()) {
            List<TransferState.Entry> recorded = TransferState.load(t);
            resumed = new DataCopy(source.spec(), target.spec(), 2, Verify.CHECKSUMS, false, (c, rows, bytes) -> { })
                    .run(snap, recorded);
        }
        assertEquals(List.of(), resumed.mismatches());
        assertEquals(30000, target.queryLong("SELECT count(*) FROM package"));
        assertEquals(30000, target.queryLong("SELECT count(DISTINCT id) FROM package"));
        assertEquals(60000, target.queryLong("SELECT count(*) FROM tag_log"));
    }

    @Test
    void columnListsSurviveTheStateTable() {
        assertEquals(List.of("\"a\"", "\"b, c\"", "\"d\"\"e\""), TransferState.splitColumns("\"a\", \"b, c\", \"d\"\"e\""));
    }
}
