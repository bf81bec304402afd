package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.read.CatalogReader;
import io.ferry.sql.ScriptRunner;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TransferTest {
    private static final String FEATURE_DATA = """
            INSERT INTO app.item (code, status, quantity, label, price)
                SELECT 'c' || g, (ARRAY['draft', 'active', 'deleted'])[1 + g % 3]::app.status, 1 + g % 9,
                       'label ' || g, g * 1.25 FROM generate_series(1, 5000) g;
            INSERT INTO app.tag (item_code, name) SELECT 'c' || g, 'tag' || g FROM generate_series(1, 3000) g;
            INSERT INTO app.code_ref VALUES ('x'), ('y');
            INSERT INTO app.uses_code_ref VALUES ('x');
            REFRESH MATERIALIZED VIEW app.item_counts;
            """;

    private static void load(TestDatabase db, String fixture, String extra) throws Exception {
        db.execute("DO $$ BEGIN CREATE ROLE schemainspect_test_role; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        try (Connection c = db.open();
             Reader r = new InputStreamReader(Objects.requireNonNull(TransferTest.class.getResourceAsStream(
                     "/schema-fixtures/" + fixture)), StandardCharsets.UTF_8)) {
            new ScriptRunner(c, fixture).run(r);
        }
        if (!extra.isEmpty()) {
            db.execute(extra);
        }
    }

    private static class Recorder implements Transfer.Listener {
        final List<String> lines = new ArrayList<>();
        final AtomicInteger chunks = new AtomicInteger();
        final int failAfter;

        Recorder(int failAfter) {
            this.failAfter = failAfter;
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
        public void chunkCopied(Chunk chunk, long rows, long bytes) {
            if (chunks.incrementAndGet() == failAfter) {
                throw new IllegalStateException("simulated crash after " + failAfter + " chunks");
            }
        }
    }

    private static TransferOptions options(boolean resume, boolean clean, List<String> exclude, long chunkBytes) {
        return new TransferOptions(2, Verify.CHECKSUMS, resume, clean, false, false, exclude, chunkBytes, true);
    }

    /**
     * A second copy into a target while the first still writes (a --resume typed while a run thought
     * dead goes on) is refused at once: it would copy again what the first has not recorded yet.
     */
    @Test
    void aSecondCopyIntoATargetBeingWrittenIsRefused(TestDatabase source, TestDatabase target) throws Exception {
        load(source, "features.sql", FEATURE_DATA);
        CountDownLatch copying = new CountDownLatch(1);
        CountDownLatch refused = new CountDownLatch(1);
        Transfer.Listener holdsOn = new Recorder(-1) {
            @Override
            public void chunkCopied(Chunk chunk, long rows, long bytes) {
                copying.countDown();
                try {
                    refused.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CompletableFuture<Transfer.Report> first = CompletableFuture.supplyAsync(
                () -> new Transfer(source.spec(), target.spec(), options(false, false, List.of(), 64 * 1024), holdsOn).run());
        assertTrue(copying.await(60, TimeUnit.SECONDS), "the first copy started");
        FerryException e = assertThrows(FerryException.class, () -> new Transfer(source.spec(), target.spec(),
                options(true, false, List.of(), 64 * 1024), new Recorder(-1)).run());
        refused.countDown();
        assertEquals(ErrorCode.LOCK_TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("another ferry transfer or load (server pid "), e.getMessage());
        Transfer.Report report = first.get(120, TimeUnit.SECONDS);
        assertEquals(List.of(), report.mismatches());
        assertEquals(5000, target.queryLong("SELECT count(*) FROM app.item"), "no row copied twice");
    }

    @Test
    void movesEveryFeatureAndTheTargetMatchesTheSource(TestDatabase source, TestDatabase target) throws Exception {
        load(source, "features.sql", FEATURE_DATA);
        source.execute("ANALYZE");
        Transfer.Report report = new Transfer(source.spec(), target.spec(),
                options(false, false, List.of(), 64 * 1024), new Recorder(-1)).run();
        assertEquals(List.of(), report.mismatches());
        assertEquals(List.of(), report.schemaDifferences());
        // Tables (each analyzed once built), partitioned parents, materialized views and expression
        // indexes: the target has statistics for what the analyzed source has them for.
        String analyzed = "SELECT string_agg(DISTINCT format('%I.%I', n.nspname, c.relname), ', ') FROM pg_statistic s "
                + "JOIN pg_class c ON c.oid = s.starelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'ferry') AND n.nspname NOT LIKE 'pg\\_%'";
        assertEquals(source.queryString(analyzed), target.queryString(analyzed));
        assertEquals(5000, target.queryLong("SELECT count(*) FROM app.item"));
        assertEquals(source.queryString("SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM app.item_counts"),
                target.queryString("SELECT string_agg(status || ':' || n, ',' ORDER BY status) FROM app.item_counts"));
        // Sequences continue where the source's stopped.
        assertEquals(source.queryLong("SELECT last_value FROM app.item_id_seq"),
                target.queryLong("SELECT last_value FROM app.item_id_seq"));
        assertEquals("t", target.queryString("SELECT convalidated FROM pg_constraint WHERE conname = 'tag_item_code_fkey'"));
        assertEquals(null, target.queryString("SELECT to_regclass('ferry.transfer_chunk')"), "state removed");
    }

    @Test
    void keysBuiltAsIndexesThenAttachedEqualTheSourcesKeys(TestDatabase source, TestDatabase target) throws Exception {
        source.execute("""
                CREATE TABLE keyed ("id (x)" integer, code text, note text, grp integer, period int4range,
                    CONSTRAINT "pk ""odd"" (name)" PRIMARY KEY ("id (x)") INCLUDE (note) WITH (fillfactor = 70),
                    CONSTRAINT code_once UNIQUE NULLS NOT DISTINCT (code, grp),
                    CONSTRAINT grp_later UNIQUE (grp, code) DEFERRABLE INITIALLY DEFERRED,
                    CONSTRAINT no_overlap EXCLUDE USING gist (period WITH &&));
                COMMENT ON CONSTRAINT code_once ON keyed IS 'one per group';
                INSERT INTO keyed SELECT g, 'c' || g, 'n', g % 7, int4range(g * 10, g * 10 + 5) FROM generate_series(1, 500) g;
                """);
        Transfer.Report report = new Transfer(source.spec(), target.spec(),
                options(false, false, List.of(), 1 << 20), new Recorder(-1)).run();
        assertEquals(List.of(), report.mismatches());
        assertEquals(List.of(), report.schemaDifferences());
        String keys = "SELECT string_agg(concat_ws(' | ', con.conname, pg_get_constraintdef(con.oid), pg_get_indexdef(i.indexrelid),"
                + " i.indisprimary, i.indisunique, i.indimmediate, i.indnullsnotdistinct, obj_description(con.oid, 'pg_constraint')),"
                + " E'\\n' ORDER BY con.conname) FROM pg_constraint con JOIN pg_index i ON i.indexrelid = con.conindid"
                + " WHERE con.conrelid = 'keyed'::regclass";
        assertEquals(source.queryString(keys), target.queryString(keys));
        assertEquals(500, target.queryLong("SELECT count(*) FROM keyed"));
    }

    @Test
    void hostileNamesAndPartitionsTravel(TestDatabase source, TestDatabase target) throws Exception {
        load(source, "hostile_identifiers.sql", "INSERT INTO \"evil\"\"role\" SELECT g, 'it''s ' || g, 'café'"
                + " FROM generate_series(1, 100) g; INSERT INTO \"Weird.Schema\".\"Ünïcödé Tablé\" (\"evil ref\", \"a.b\")"
                + " SELECT g, 'x' FROM generate_series(1, 100) g;");
        load(source, "partitions_and_inheritance.sql", "INSERT INTO measurement SELECT 1 + g % 2, DATE '2006-01-01' "
                + "+ g, g FROM generate_series(1, 900) g; INSERT INTO child_ab (id, kind, note) VALUES (1, 'a', 'n');");
        Transfer.Report report = new Transfer(source.spec(), target.spec(),
                options(false, false, List.of(), 1 << 20), new Recorder(-1)).run();
        assertEquals(List.of(), report.mismatches());
        assertEquals(List.of(), report.schemaDifferences());
        assertEquals(900, target.queryLong("SELECT count(*) FROM measurement"));
        assertEquals(1, target.queryLong("SELECT count(*) FROM base"));
        assertEquals(100, target.queryLong("SELECT count(*) FROM \"Weird.Schema\".\"Ünïcödé Tablé\""));
    }

    @Test
    void refusesANonEmptyTargetUnlessCleanAndKeepsStructureOfExcludedTables(TestDatabase source, TestDatabase target)
            throws Exception {
        load(source, "features.sql", FEATURE_DATA);
        target.execute("CREATE TABLE leftover (id int)");
        FerryException refused = assertThrows(FerryException.class, () -> new Transfer(source.spec(), target.spec(),
                options(false, false, List.of(), 1 << 20), new Recorder(-1)).run());
        assertEquals(ErrorCode.VALIDATION_FAILED, refused.code());
        assertTrue(refused.getMessage().contains("table public.leftover"), refused.getMessage());

        Transfer.Report report = new Transfer(source.spec(), target.spec(),
                options(false, true, List.of("app.tag*"), 1 << 20), new Recorder(-1)).run();
        assertTrue(report.ok(), report.toString());
        assertEquals(List.of("\"app\".\"tag\""), report.excluded());
        assertEquals(0, target.queryLong("SELECT count(*) FROM app.tag"));
        assertEquals(5000, target.queryLong("SELECT count(*) FROM app.item"));
        assertEquals(null, target.queryString("SELECT to_regclass('public.leftover')"));
    }

    @Test
    void aCrashedTransferResumesToTheSameResult(TestDatabase source, TestDatabase target) throws Exception {
        load(source, "features.sql", FEATURE_DATA + "INSERT INTO app.tag (item_code, name) SELECT 'c' || (g % 5000 + 1),"
                + " 'long' || g || repeat('n', 200) FROM generate_series(1, 20000) g;"
                + "ALTER TABLE app.code_ref SET (autovacuum_enabled = true)");
        assertThrows(IllegalStateException.class, () -> new Transfer(source.spec(), target.spec(),
                options(false, false, List.of(), 64 * 1024), new Recorder(3)).run());
        // Autovacuum stays off the tables being filled, except where the source sets it itself and
        // on tables of a few pages (uses_code_ref).
        String options = "SELECT string_agg(c.relname || ' ' || coalesce(c.reloptions::text, '-'), ', ' ORDER BY c.relname)"
                + " FROM pg_class c WHERE c.relnamespace = 'app'::regnamespace AND c.relkind = 'r'";
        assertEquals("code_ref {autovacuum_enabled=true}, item {fillfactor=80,autovacuum_enabled=false}, "
                + "tag {autovacuum_enabled=false}, uses_code_ref -", target.queryString(options));
        FerryException again = assertThrows(FerryException.class, () -> new Transfer(source.spec(), target.spec(),
                options(false, false, List.of(), 64 * 1024), new Recorder(-1)).run());
        assertTrue(again.getMessage().contains("--resume"), again.getMessage());

        Transfer.Report report = new Transfer(source.spec(), target.spec(),
                options(true, false, List.of(), 64 * 1024), new Recorder(-1)).run();
        assertTrue(report.resumed());
        assertEquals(List.of(), report.mismatches());
        assertEquals(List.of(), report.schemaDifferences());
        assertEquals(23000, target.queryLong("SELECT count(*) FROM app.tag"));
        assertEquals(CatalogReader.read(source.spec()).tables().keySet(), CatalogReader.read(target.spec()).tables().keySet());
        assertEquals(source.queryString(options), target.queryString(options), "autovacuum settings restored");
    }

    private static final String MANY_TAGS = FEATURE_DATA + "INSERT INTO app.tag (item_code, name) "
            + "SELECT 'c' || (g % 5000 + 1), 'long' || g || repeat('n', 200) FROM generate_series(1, 20000) g;";

    /**
     * A copy begun with --verify counts (by a Ferry that recorded no hash per chunk) and resumed
     * with checksums: the chunks recorded have no sums to add to the new ones', so their tables are
     * checked by count (and said so), never reported as differing.
     */
    @Test
    void tablesPartlyCopiedWithoutChecksumsAreCountedWhenResumedWithThem(TestDatabase source, TestDatabase target)
            throws Exception {
        load(source, "features.sql", MANY_TAGS);
        TransferOptions counts = new TransferOptions(2, Verify.COUNTS, false, false, false, false, List.of(),
                64 * 1024, true);
        assertThrows(IllegalStateException.class, () -> new Transfer(source.spec(), target.spec(), counts,
                new Recorder(3)).run());
        String partly = target.queryString("SELECT string_agg(DISTINCT table_name, ', ' ORDER BY table_name) "
                + "FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL AND rows > 0");
        assertTrue(partly != null, "some chunks were recorded");
        assertEquals("none", target.queryString("SELECT string_agg(DISTINCT hash, ',') FROM ferry.transfer_chunk "
                + "WHERE copied_at IS NOT NULL"));
        // As a Ferry that kept no hash per chunk left it: the column comes back empty, and a zero sum
        // says the chunk was copied without checksums.
        target.execute("ALTER TABLE ferry.transfer_chunk DROP COLUMN hash");

        Recorder recorder = new Recorder(-1);
        Transfer.Report report = new Transfer(source.spec(), target.spec(), options(true, false, List.of(), 64 * 1024),
                recorder).run();
        assertEquals(List.of(), report.mismatches());
        assertTrue(recorder.lines.contains("checked by row counts, as the run resumed copied some of their rows "
                + "without checksums: " + partly), recorder.lines.toString());
        assertEquals(23000, target.queryLong("SELECT count(*) FROM app.tag"));
    }

    /**
     * A resumed copy sums each table with the hash its recorded chunks were summed with, though this
     * run would choose another (as an earlier Ferry, or other servers, may have): a table this run
     * hashes by record, recorded as summed by text.
     */
    @Test
    void aResumedCopyKeepsTheHashItsRecordedChunksWereSummedWith(TestDatabase source, TestDatabase target)
            throws Exception {
        load(source, "features.sql", MANY_TAGS);
        assertThrows(IllegalStateException.class, () -> new Transfer(source.spec(), target.spec(),
                options(false, false, List.of(), 64 * 1024), new Recorder(3)).run());
        String table = target.queryString("SELECT min(table_name) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL "
                + "AND hash = 'record' AND chunks = 1 AND rows > 0");
        assertTrue(table != null, "a table hashed by record was recorded whole");
        Chunk whole = new Chunk(table, TransferState.splitColumns(target.queryString("SELECT columns FROM "
                + "ferry.transfer_chunk WHERE table_name = '" + table.replace("'", "''") + "'")), 0, 1, null, false);
        Checksum text;
        try (Connection s = source.open()) {
            SessionSettings.apply(s);
            text = Checksum.of(s, whole.selectSql(), whole.label(), RowHash.HASHTEXT);
        }
        target.execute("UPDATE ferry.transfer_chunk SET checksum = " + text.sum() + ", hash = 'hashtext' "
                + "WHERE table_name = '" + table.replace("'", "''") + "'");

        Recorder recorder = new Recorder(-1);
        Transfer.Report report = new Transfer(source.spec(), target.spec(), options(true, false, List.of(), 64 * 1024),
                recorder).run();
        assertEquals(List.of(), report.mismatches());
        assertTrue(recorder.lines.contains("hashed as the run resumed summed their chunks: " + table + " (hashtext)"),
                recorder.lines.toString());
        // What the report holds for it is the text sum, and a sum that differs is found.
        assertEquals(text, report.tables().get(table));
        List<String> mismatches = new ArrayList<>();
        try (Connection t = target.open()) {
            SessionSettings.apply(t);
            TableVerification.checkTable(t, Verify.CHECKSUMS, RowHash.HASHTEXT, whole,
                    new Checksum(text.rows(), text.sum().add(java.math.BigDecimal.ONE)), mismatches);
        }
        assertEquals(1, mismatches.size(), mismatches.toString());
    }

    @Test
    void ferrysOwnHistoryAndRecordsTravelButNotTheTransferState(TestDatabase source, TestDatabase target)
            throws Exception {
        load(source, "features.sql", FEATURE_DATA);
        new io.ferry.migrate.Migrator(source.spec(), io.ferry.migrate.MigrationSet.load(
                java.nio.file.Files.createTempDirectory("m"), getClass().getClassLoader()),
                io.ferry.migrate.MigrationListener.NONE).baseline("core",
                java.util.Optional.of(io.ferry.migrate.MigrationVersion.of(86)), io.ferry.migrate.MigrateOptions.defaults());
        source.execute("CREATE SCHEMA IF NOT EXISTS ferry; CREATE TABLE ferry.ckan_demoted_sysadmin (name text PRIMARY KEY);"
                + "INSERT INTO ferry.ckan_demoted_sysadmin VALUES ('alice'), ('bob')");
        Transfer.Report report = new Transfer(source.spec(), target.spec(),
                options(false, false, List.of(), 1 << 20), new Recorder(-1)).run();
        assertTrue(report.ok(), report.toString());
        assertEquals("86", target.queryString("SELECT version FROM ferry_schema_history WHERE module = 'core'"));
        assertEquals(2, target.queryLong("SELECT count(*) FROM ferry.ckan_demoted_sysadmin"));
        assertEquals(null, target.queryString("SELECT to_regclass('ferry.transfer_chunk')"));
    }
}
