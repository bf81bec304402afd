package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ChunkCopyTest {
    private static final String TABLES = """
            CREATE TABLE numbered (id bigint PRIMARY KEY, note text, at timestamptz, price float8, raw bytea);
            INSERT INTO numbered SELECT g, 'row ' || g || E'\\ttab;\\nnewline', '2020-01-01'::timestamptz + g * interval '1 min',
                g / 7.0, decode(md5(g::text), 'hex') FROM generate_series(1, 40000) g;
            CREATE TABLE "Mixed ""Case""; table" ("id;" text PRIMARY KEY, "Value" numeric);
            INSERT INTO "Mixed ""Case""; table" SELECT md5(g::text), g * 1.5 FROM generate_series(1, 20000) g;
            CREATE TABLE no_key (a int, b text);
            INSERT INTO no_key SELECT g % 100, repeat('x', g % 50) FROM generate_series(1, 30000) g;
            -- Rows larger than the block the copier gathers rows into before sending them on.
            INSERT INTO no_key SELECT g, repeat(md5(g::text), 20000) FROM generate_series(1, 3) g;
            INSERT INTO no_key VALUES (NULL, NULL), (NULL, ''), (7, NULL);
            ANALYZE;
            """;

    private static void copyAll(TestDatabase source, TestDatabase target, ChunkPlanner.TableInfo t, long chunkBytes,
                                ChunkCopier.Format format, boolean askByKey, boolean expectByKey) throws Exception {
        try (Connection s = source.open(); Connection d = target.open()) {
            SessionSettings.apply(s);
            SessionSettings.apply(d);
            List<Chunk> chunks = ChunkPlanner.plan(s, t, chunkBytes, askByKey, 1);
            assertTrue(chunks.size() > 2, "split into several chunks: " + chunks.size());
            assertEquals(expectByKey, chunks.get(0).byKey());
            Checksum sourceTotal = Checksum.EMPTY;
            long copied = 0;
            for (Chunk chunk : chunks) {
                ChunkCopier.Copied result = ChunkCopier.copy(s, d, chunk, format, TransferOptions.DEFAULT_STALL_SECONDS,
                        RowHash.HASHTEXT, n -> { });
                assertEquals(result.sent(), result.accepted());
                copied += result.accepted();
                Checksum sourceChunk = Checksum.of(s, chunk.selectSql());
                assertEquals(sourceChunk, result.checksum(), "hashed as it streamed: " + chunk.label());
                if (chunk.byKey()) {
                    assertEquals(sourceChunk, Checksum.of(d, chunk.targetSelectSql()), chunk.label());
                }
                sourceTotal = sourceTotal.plus(sourceChunk);
            }
            String whole = "SELECT " + String.join(", ", t.columns()) + " FROM " + t.sql();
            assertEquals(Checksum.of(s, whole), sourceTotal, "chunks add up to the table");
            assertEquals(Checksum.of(s, whole), Checksum.of(d, whole));
            assertEquals(sourceTotal.rows(), copied);
        }
    }

    @Test
    void copiesKeyedTablesInRangesAndVerifiesEachChunk(TestDatabase source, TestDatabase target) throws Exception {
        source.execute(TABLES);
        target.execute(TABLES.replaceAll("(?s)INSERT INTO.*?;\\n", ""));
        copyAll(source, target, new ChunkPlanner.TableInfo("public", "numbered",
                List.of("\"id\"", "\"note\"", "\"at\"", "\"price\"", "\"raw\""), List.of("id")), 512 * 1024,
                ChunkCopier.Format.BINARY, true, true);
        copyAll(source, target, new ChunkPlanner.TableInfo("public", "Mixed \"Case\"; table",
                List.of("\"id;\"", "\"Value\""), List.of("id;")), 256 * 1024, ChunkCopier.Format.TEXT, true, true);
        copyAll(source, target, new ChunkPlanner.TableInfo("public", "no_key", List.of("\"a\"", "\"b\""), List.of()),
                256 * 1024, ChunkCopier.Format.BINARY, true, false);
    }

    @Test
    void anEmptyChunkIsHashedAsNothing(TestDatabase source, TestDatabase target) throws Exception {
        source.execute("CREATE TABLE empty (a int, b text)");
        target.execute("CREATE TABLE empty (a int, b text)");
        Chunk whole = new Chunk("\"public\".\"empty\"", List.of("\"a\"", "\"b\""), 0, 1, null, false);
        try (Connection s = source.open(); Connection d = target.open()) {
            for (ChunkCopier.Format format : ChunkCopier.Format.values()) {
                ChunkCopier.Copied result = ChunkCopier.copy(s, d, whole, format, TransferOptions.DEFAULT_STALL_SECONDS,
                        RowHash.HASHTEXT, n -> { });
                assertEquals(Checksum.EMPTY.rows(), result.checksum().rows());
                assertEquals(0, result.checksum().sum().signum());
            }
        }
    }

    @Test
    void aSplitTableIsCutIntoAMultipleOfTheJobs(TestDatabase source) throws Exception {
        source.execute(TABLES);
        ChunkPlanner.TableInfo numbered = new ChunkPlanner.TableInfo("public", "numbered",
                List.of("\"id\"", "\"note\""), List.of("id"));
        try (Connection s = source.open()) {
            long bytes = source.queryLong("SELECT pg_relation_size('numbered')");
            long third = bytes / 3 + 1;
            for (boolean byKey : List.of(false, true)) {
                assertEquals(3, ChunkPlanner.plan(s, numbered, third, byKey, 1).size(), "by key: " + byKey);
                assertEquals(4, ChunkPlanner.plan(s, numbered, third, byKey, 2).size(), "by key: " + byKey);
                assertEquals(3, ChunkPlanner.plan(s, numbered, third, byKey, 3).size(), "by key: " + byKey);
            }
            assertEquals(1, ChunkPlanner.plan(s, numbered, bytes + 1, false, 4).size(), "a table not split stays whole");
        }
    }

    @Test
    void copiesAKeyedTableInPageRangesWhenChunksAreNotChecksummed(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute(TABLES);
        target.execute(TABLES.replaceAll("(?s)INSERT INTO.*?;\\n", ""));
        copyAll(source, target, new ChunkPlanner.TableInfo("public", "numbered",
                List.of("\"id\"", "\"note\"", "\"at\"", "\"price\"", "\"raw\""), List.of("id")), 512 * 1024,
                ChunkCopier.Format.BINARY, false, false);
    }

    @Test
    void aWholeTableLoadsFrozenInItsTransactionElseAsUsual(TestDatabase source, TestDatabase target) throws Exception {
        source.execute(TABLES + "CREATE TABLE split AS TABLE numbered; CREATE TABLE referenced AS TABLE numbered;");
        String create = "CREATE TABLE %s (id bigint PRIMARY KEY, note text, at timestamptz, price float8, raw bytea);";
        target.execute(create.formatted("numbered") + create.formatted("split") + create.formatted("referenced")
                + "CREATE TABLE refers (id bigint REFERENCES referenced);");
        List<String> columns = List.of("\"id\"", "\"note\"", "\"at\"", "\"price\"", "\"raw\"");
        String all = "SELECT " + String.join(", ", columns) + " FROM ";
        try (Connection s = source.open(); Connection d = target.open()) {
            SessionSettings.apply(s);
            SessionSettings.apply(d);
            d.setAutoCommit(false);
            // "split" is loaded in two chunks, "referenced" cannot be emptied (a key refers to it):
            // both load as usual, in the same transaction as the frozen one.
            List<Chunk> chunks = List.of(new Chunk("\"public\".\"numbered\"", columns, 0, 1, null, false),
                    new Chunk("\"public\".\"split\"", columns, 0, 2, "id <= 20000", true),
                    new Chunk("\"public\".\"split\"", columns, 1, 2, "id > 20000", true),
                    new Chunk("\"public\".\"referenced\"", columns, 0, 1, null, false));
            for (Chunk chunk : chunks) {
                ChunkCopier.Copied result = ChunkCopier.copy(s, d, chunk, ChunkCopier.Format.BINARY,
                        TransferOptions.DEFAULT_STALL_SECONDS, null, n -> { });
                assertEquals(result.sent(), result.accepted());
            }
            d.commit();
        }
        target.execute("ANALYZE");
        String visible = "SELECT relallvisible = relpages AND relpages > 0 FROM pg_class WHERE relname = '%s'";
        assertEquals("t", target.queryString(visible.formatted("numbered")), "all-visible: loaded frozen");
        assertEquals("f", target.queryString(visible.formatted("split")));
        assertEquals("f", target.queryString(visible.formatted("referenced")));
        try (Connection s = source.open(); Connection d = target.open()) {
            SessionSettings.apply(s);
            SessionSettings.apply(d);
            for (String table : List.of("numbered", "split", "referenced")) {
                assertEquals(Checksum.of(s, all + table), Checksum.of(d, all + table), table);
            }
        }
    }

    @Test
    void checksumSeesAChangedValueButNotRowOrder(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE a (id int, v text); CREATE TABLE b (id int, v text);"
                + "INSERT INTO a SELECT g, g::text FROM generate_series(1, 1000) g;"
                + "INSERT INTO b SELECT g, g::text FROM generate_series(1000, 1, -1) g;");
        try (Connection c = db.open()) {
            SessionSettings.apply(c);
            assertEquals(Checksum.of(c, "SELECT id, v FROM a"), Checksum.of(c, "SELECT id, v FROM b"));
            c.createStatement().execute("UPDATE b SET v = 'changed' WHERE id = 500");
            assertNotEquals(Checksum.of(c, "SELECT id, v FROM a"), Checksum.of(c, "SELECT id, v FROM b"));
            assertFalse(Checksum.of(c, "SELECT id, v FROM a").hex().isEmpty());
        }
    }
}
