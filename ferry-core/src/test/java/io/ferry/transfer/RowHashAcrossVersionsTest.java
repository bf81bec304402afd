package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresVersions;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Row checksums between a PostgreSQL 9.6 source, which has no {@code hashtextextended}, and a 15
 * target: both sides hash with md5, the copy verifies, and a row changed on the target is caught.
 */
class RowHashAcrossVersionsTest {
    private static final String SCHEMA = """
            CREATE TABLE item (id integer PRIMARY KEY, name text, at timestamptz, day date, price numeric(10,2),
                               ok boolean, tags text[], doc jsonb, raw bytea);
            """;
    private static final String DATA = """
            INSERT INTO item SELECT g, 'item ' || g, timestamptz '2020-01-01 00:00+00' + g * interval '1 hour',
                date '2020-01-01' + g, g * 1.25, g % 2 = 0, ARRAY['a' || g, 'b'], ('{"n": ' || g || '}')::jsonb,
                decode(md5(g::text), 'hex')
                FROM generate_series(1, 20000) g;
            ANALYZE;
            """;

    @Test
    void theHashIsMd5WhenEitherServerLacksHashtextextended() {
        assertEquals(RowHash.MD5, RowHash.between(90624, 150000));
        assertEquals(RowHash.MD5, RowHash.between(150000, 100023));
        assertEquals(RowHash.HASHTEXT, RowHash.between(110022, 170006));
    }

    @Test
    void rowsAreHashedWithoutTextOnlyBetweenServersOfTheSameMajorVersionFrom14() throws Exception {
        String table = "CREATE TABLE item (id integer PRIMARY KEY, name text)";
        TestDatabase on14 = PostgresVersions.newDatabase("14", "hash_14");
        TestDatabase other14 = PostgresVersions.newDatabase("14", "hash_14_too");
        TestDatabase on15 = PostgresVersions.newDatabase("15", "hash_15");
        TestDatabase on96 = PostgresVersions.newDatabase("9.6", "hash_96");
        for (TestDatabase db : List.of(on14, other14, on15, on96)) {
            db.execute(table);
        }
        String item = "\"public\".\"item\"";
        try (Connection a = on14.open(); Connection b = other14.open(); Connection c = on15.open();
             Connection d = on96.open()) {
            assertEquals(RowHash.RECORD, RowHashChoice.between(a, b, List.of(item)).forTable(item));
            RowHashChoice across = RowHashChoice.between(a, c, List.of(item));
            assertEquals(RowHash.HASHTEXT, across.forTable(item));
            assertEquals(List.of("row checksums: hashtextextended of each row's text (the servers run different major "
                    + "versions, whose hash functions may differ)"), across.describe(List.of(item)));
            assertEquals(RowHash.MD5, RowHashChoice.between(d, c, List.of(item)).forTable(item));
        }
    }

    @Test
    void a96SourceIsVerifiedByChecksumsAndAChangedRowIsCaught() throws Exception {
        TestDatabase source = PostgresVersions.newDatabase("9.6", "hash_source");
        source.execute(SCHEMA + DATA);
        for (boolean tamper : List.of(false, true)) {
            TestDatabase target = PostgresVersions.newDatabase("15", "hash_target");
            target.execute(SCHEMA);
            DataCopy.Result result;
            try (Connection snap = snapshot(source); Connection t = target.open()) {
                List<Chunk> chunks = new ArrayList<>(ChunkPlanner.plan(snap, new ChunkPlanner.TableInfo("public", "item",
                        List.of("\"id\"", "\"name\"", "\"at\"", "\"day\"", "\"price\"", "\"ok\"", "\"tags\"", "\"doc\"",
                                "\"raw\""), List.of("id")), 256 * 1024, true, 1));
                TransferState.create(t);
                TransferState.savePlan(t, chunks);
                List<TransferState.Entry> plan = TransferState.load(t);
                AtomicBoolean changed = new AtomicBoolean();
                result = new DataCopy(source.spec(), target.spec(), 2, Verify.CHECKSUMS, true, (c, rows, bytes) -> {
                    if (tamper && !changed.getAndSet(true)) {
                        // Same count, one value different: only the checksum can see it.
                        target.execute("UPDATE item SET name = 'changed' WHERE id = (SELECT min(id) FROM item)");
                    }
                }).hashing(RowHash.between(90624, 150000)).run(snap, plan);
            }
            assertEquals(20000, target.queryLong("SELECT count(*) FROM item"));
            assertTrue(result.tables().get("\"public\".\"item\"").sum().signum() != 0, result.tables().toString());
            if (tamper) {
                assertTrue(!result.mismatches().isEmpty() && result.mismatches().get(0)
                        .startsWith("\"public\".\"item\": checksum differs (source 20000 rows"), result.mismatches().toString());
            } else {
                assertEquals(List.of(), result.mismatches());
            }
        }
    }

    private static Connection snapshot(TestDatabase source) throws Exception {
        Connection c = source.open();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
        return c;
    }
}
