package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.connect.Environment;
import io.ferry.transfer.Checksum;
import io.ferry.transfer.Chunk;
import io.ferry.transfer.Verify;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the report's split column says of a table an archive load cut into pieces. */
class CopyProgressTest {
    @Test
    void aTableLoadedInPiecesSaysSoInTheSplitColumnAndOnStandardError() {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        Console console = new Console(System.out, err, System.out, InputStream.nullInputStream(),
                new Environment(Map.of(), Path.of(".")), false);
        CopyProgress progress = CopyProgress.on(console);
        Chunk big = new Chunk("\"public\".\"big\"", List.of("id"), 0, 1, null, false);
        Chunk small = new Chunk("\"public\".\"small\"", List.of("id"), 0, 1, null, false);
        progress.copyStarting(List.of(big, small), 0);
        progress.chunkStarted(big);
        progress.loadedInPieces(big, 12, 2);
        progress.chunkCopied(big, 1000, 50_000);
        progress.chunkStarted(small);
        progress.chunkCopied(small, 10, 100);

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        new CopyReport("load", Verify.COUNTS).tables(Map.of(big.table(), new Checksum(1000, BigDecimal.ZERO),
                small.table(), new Checksum(10, BigDecimal.ZERO)), progress)
                .printTable(new PrintStream(table, true, StandardCharsets.UTF_8));
        String report = table.toString(StandardCharsets.UTF_8);
        String bigLine = report.lines().filter(l -> l.contains("\"big\"")).findFirst().orElseThrow();
        assertTrue(bigLine.endsWith("12 pieces over 2 connections"), report);
        String smallLine = report.lines().filter(l -> l.contains("\"small\"")).findFirst().orElseThrow();
        assertTrue(smallLine.endsWith("whole table"), report);
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("(12 pieces over 2 connections)"),
                errBytes.toString(StandardCharsets.UTF_8));
    }
}
