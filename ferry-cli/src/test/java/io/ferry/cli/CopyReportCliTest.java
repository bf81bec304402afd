package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.test.PostgresExtension;
import io.ferry.transfer.Checksum;
import io.ferry.test.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The final report of transfer, dump and load: the per-table table, JSON, and progress on standard error. */
@ExtendWith(PostgresExtension.class)
class CopyReportCliTest {
    private static final String SOURCE = """
            CREATE TABLE package (id integer PRIMARY KEY, notes text);
            CREATE TABLE log_line (at timestamptz, message text);
            CREATE TABLE tag (name text PRIMARY KEY);
            INSERT INTO package SELECT g, repeat('lorem ipsum ', 10 + g % 20) FROM generate_series(1, 20000) g;
            INSERT INTO log_line SELECT '2020-01-01'::timestamptz + g * interval '1 minute', repeat('x', 100)
                FROM generate_series(1, 20000) g;
            INSERT INTO tag SELECT 'tag' || g FROM generate_series(1, 300) g;
            ANALYZE;
            """;

    @TempDir
    Path dir;

    @Test
    void transferDumpAndLoadReportPerTableAsJsonAndProgressOnStandardError(TestDatabase source, TestDatabase target,
                                                                          TestDatabase loaded, TestDatabase loadedAsJson)
            throws Exception {
        source.execute(SOURCE);
        FerryProcess.Result r = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--split-larger-than", "256kB", "--json", "--exclude-table-data", "tag");
        assertEquals(0, r.exitCode(), r.all());
        JsonNode json = new ObjectMapper().readTree(r.out());
        Map<String, JsonNode> tables = byTable(json);
        JsonNode pkg = tables.get("\"public\".\"package\"");
        assertEquals(20000, pkg.get("rows").asLong());
        assertTrue(pkg.get("bytes").asLong() > 200_000, pkg.toString());
        assertEquals("key ranges", pkg.get("split").asText());
        assertTrue(pkg.get("chunks").asInt() > 1, pkg.toString());
        // Both servers are the same 15 and package's columns hash by value: hash_record_extended, no text.
        String sum = source.queryString("SELECT sum(hash_record_extended(p, 0))::text FROM package p");
        assertEquals(new Checksum(20000, new BigDecimal(sum)).hex(), pkg.get("checksum").asText());
        // No primary key: split by page ranges, and the report says so.
        JsonNode log = tables.get("\"public\".\"log_line\"");
        assertEquals("page (ctid) ranges", log.get("split").asText());
        assertEquals(20000, log.get("rows").asLong());
        assertEquals("\"public\".\"tag\"", json.get("structureOnly").get(0).asText());
        assertEquals(40000, json.get("totals").get("rows").asLong());
        assertTrue(json.get("verification").get("ok").asBoolean());
        assertEquals("checksums", json.get("verification").get("mode").asText());
        assertFalse(json.get("resumed").asBoolean());
        // Not a terminal: one plain line per finished table on standard error, nothing of it on standard output.
        assertTrue(r.err().contains("\"public\".\"log_line\": 20,000 rows"), r.err());
        assertTrue(r.err().contains("page (ctid) ranges"), r.err());

        Path archive = dir.resolve("db.ferry");
        FerryProcess.Result dump = FerryProcess.run(dir, "dump", "--db", source.url(), "-o", archive.toString(),
                "--json", "--verify", "counts");
        assertEquals(0, dump.exitCode(), dump.all());
        JsonNode dumped = new ObjectMapper().readTree(dump.out());
        assertEquals(20300 + 20000, dumped.get("totals").get("rows").asLong());
        assertTrue(byTable(dumped).get("\"public\".\"tag\"").get("checksum").isNull());

        FerryProcess.Result load = FerryProcess.run(dir, "load", "--db", loaded.url(), archive.toString());
        assertEquals(0, load.exitCode(), load.all());
        FerryProcess.Result again = FerryProcess.run(dir, "load", "--db", loadedAsJson.url(), archive.toString(),
                "--json");
        assertEquals(0, again.exitCode(), again.all());
        assertEquals(40300, new ObjectMapper().readTree(again.out()).get("totals").get("rows").asLong());
        assertTrue(load.out().lines().anyMatch(l -> l.startsWith("\"public\".\"log_line\"") && l.contains("20000")),
                load.out());
        assertTrue(load.out().contains("data and schema verified"), load.out());
        assertFalse(load.out().contains("building keys"), "progress stays on standard error: " + load.out());
    }

    /**
     * Binary COPY carries a value in its binary form: a bytea travels as its bytes, where text COPY
     * doubles it into hex. That is what lets a row whose text form is over 1 GB (PostgreSQL's limit for
     * one text value or COPY line) move at all; the real 1 GB case is bench/big-row.sh, too heavy here.
     * The report's bytes show which path ran.
     */
    @Test
    void transferUsesBinaryCopySoBigByteaValuesTravelAtTheirOwnSize(TestDatabase source, TestDatabase target,
                                                                    TestDatabase viaText) throws Exception {
        source.execute("CREATE TABLE blob (id integer PRIMARY KEY, data bytea);"
                + "INSERT INTO blob SELECT 1, string_agg(decode(md5(g::text), 'hex'), ''::bytea) "
                + "FROM generate_series(1, 1000000) g;");
        long size = source.queryLong("SELECT octet_length(data) FROM blob");
        FerryProcess.Result binary = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--json", "--verify", "counts");
        assertEquals(0, binary.exitCode(), binary.all());
        long binaryBytes = new ObjectMapper().readTree(binary.out()).get("totals").get("bytes").asLong();
        assertTrue(binaryBytes >= size && binaryBytes < size + 4096, binaryBytes + " bytes for " + size);
        assertEquals(source.queryString("SELECT md5(data) FROM blob"), target.queryString("SELECT md5(data) FROM blob"));

        FerryProcess.Result text = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", viaText.url(),
                "--json", "--verify", "counts", "--text");
        assertEquals(0, text.exitCode(), text.all());
        long textBytes = new ObjectMapper().readTree(text.out()).get("totals").get("bytes").asLong();
        assertTrue(textBytes > 2 * size, textBytes + " bytes of text for " + size);
    }

    private static Map<String, JsonNode> byTable(JsonNode report) {
        Map<String, JsonNode> tables = new HashMap<>();
        report.get("tables").forEach(t -> tables.put(t.get("table").asText(), t));
        return tables;
    }
}
