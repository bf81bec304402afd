package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.FerryException;
import io.ferry.pgdump.PgDumpArchive;
import io.ferry.pgdump.PgDumpFixture;
import io.ferry.pgdump.PgDumpLoad;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big table of a pg_dump archive (big by a lowered threshold) loads in pieces over several
 * connections, equal to the source; a load that fails in a late piece leaves the table unrecorded,
 * and a resume loads it again whole, without doubling the pieces that were in.
 */
class SplitLoadTest {
    private static final int ROWS = 20_000;
    @TempDir
    static Path dir;
    static TestDatabase source;
    private long splitBytes;
    private int pieceBytes;

    @BeforeAll
    static void createSource() {
        PgDumpFixture.requirePgDump();
        source = PostgresExtension.newDatabase("split_source");
        source.execute("""
                CREATE TABLE big (id int PRIMARY KEY, name text NOT NULL, notes text);
                CREATE TABLE small (id int PRIMARY KEY, big_id int REFERENCES big (id));
                INSERT INTO big SELECT g, 'name ' || g, CASE WHEN g % 5 = 0 THEN NULL
                    ELSE E'tab\\there\\nnew line; back\\\\slash ' || repeat('x', g % 50) END
                    FROM generate_series(1, 20000) g;
                INSERT INTO small SELECT g, g * 3 FROM generate_series(1, 100) g;
                UPDATE big SET notes = repeat('long row ', 10000) WHERE id = 10001;
                """);
    }

    @BeforeEach
    void lowerTheThreshold() {
        splitBytes = SplitLoad.splitBytes;
        pieceBytes = SplitLoad.pieceBytes;
        // big is some 1.5 MB in the archive, small under 1 kB: only big splits, in some 50 pieces (one
        // row, of 90 kB, longer than a piece).
        SplitLoad.splitBytes = 100_000;
        SplitLoad.pieceBytes = 32_768;
    }

    @AfterEach
    void restoreTheThreshold() {
        SplitLoad.splitBytes = splitBytes;
        SplitLoad.pieceBytes = pieceBytes;
    }

    @Test
    void aBigTableLoadsInPiecesOverTwoConnections() throws Exception {
        Path archive = dump(dir.resolve("split.dump"));
        TestDatabase target = PostgresExtension.newDatabase("split_target");
        Notes notes = new Notes();
        Transfer.Report report = load(target, archive, notes);
        assertTrue(report.ok(), report.toString());
        assertEquals(ROWS, report.tables().get("\"public\".\"big\"").rows());
        String split = notes.matching("\"public\".\"big\": loaded in (\\d+) pieces over 2 connections");
        assertTrue(Integer.parseInt(split) > 10, split);
        assertEquals(List.of("\"public\".\"big\": " + split + "/2"), notes.inPieces, "the report learns it too");
        assertEquals(null, notes.matchingOrNull("\"public\".\"small\": loaded in .*"), "small loads whole");
        assertTrue(target.queryLong("SELECT count(DISTINCT xmin::text) FROM big") > 10, "one transaction per piece");
        assertEquals(checksums(source), checksums(target));
    }

    @Test
    void oneTableAtATimeLoadsInPieces() throws Exception {
        TestDatabase twins = PostgresExtension.newDatabase("split_twins");
        twins.execute("""
                CREATE TABLE one (id int PRIMARY KEY, name text);
                CREATE TABLE two (id int PRIMARY KEY, name text);
                INSERT INTO one SELECT g, repeat('one ', 20) || g FROM generate_series(1, 20000) g;
                INSERT INTO two SELECT g, repeat('two ', 20) || g FROM generate_series(1, 19000) g;
                """);
        Path archive = dump(twins, dir.resolve("twins.dump"));
        TestDatabase target = PostgresExtension.newDatabase("split_twins_target");
        Notes notes = new Notes();
        assertTrue(load(target, archive, notes).ok());
        List<String> split = notes.lines.stream().filter(l -> l.contains(": loaded in ")).toList();
        assertEquals(1, split.size(), "both are big enough, one splits while the other loads whole: " + split);
        assertEquals(twins.queryString("SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM one t")
                        + twins.queryString("SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM two t"),
                target.queryString("SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM one t")
                        + target.queryString("SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM two t"));
    }

    @Test
    void aLoadThatFailsInALatePieceLeavesTheTableUnrecordedAndResumeLoadsItWhole() throws Exception {
        Path archive = dump(dir.resolve("sound.dump"));
        // Row 19990 gets an id that is no integer: a late piece fails, after earlier ones committed.
        byte[] bytes = Files.readAllBytes(archive);
        byte[] row = "19990\tname 19990\t".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, row);
        assertTrue(at >= 0 && indexOf(bytes, row, at + 1) < 0, "the row is once in the archive");
        bytes[at] = 'x';
        Path broken = Files.write(dir.resolve("broken.dump"), bytes);
        TestDatabase target = PostgresExtension.newDatabase("split_resume");

        FerryException e = assertThrows(FerryException.class, () -> load(target, broken, new Notes()));
        assertTrue(e.getMessage().contains("cannot load \"public\".\"big\""), e.getMessage());
        assertTrue(target.queryLong("SELECT count(*) FROM big") > 0, "earlier pieces committed");
        assertEquals(0, target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE table_name = "
                + "'\"public\".\"big\"' AND copied_at IS NOT NULL"), "big is not recorded as loaded");

        Transfer.Report report = load(target, archive, new Notes(), true);
        assertTrue(report.ok(), report.toString());
        assertTrue(report.resumed());
        assertEquals(ROWS, target.queryLong("SELECT count(*) FROM big"));
        assertEquals(checksums(source), checksums(target));
    }

    private static Transfer.Report load(TestDatabase target, Path archive, Notes notes) {
        return load(target, archive, notes, false);
    }

    private static Transfer.Report load(TestDatabase target, Path archive, Notes notes, boolean resume) {
        TransferOptions options = new TransferOptions(2, Verify.COUNTS, false, false, false, false, List.of(),
                TransferOptions.DEFAULT_CHUNK_BYTES, false).withResume(resume);
        return PgDumpLoad.load(target.spec(), PgDumpArchive.open(archive), options, notes, PostgresExtension.server());
    }

    /** An uncompressed custom archive, so that a test can change a row in it. */
    private static Path dump(Path out) throws Exception {
        return dump(source, out);
    }

    private static Path dump(TestDatabase db, Path out) throws Exception {
        return PgDumpFixture.dump(db, out, "-Fc", "-Z0");
    }

    private static List<String> checksums(TestDatabase db) {
        List<String> sums = new ArrayList<>();
        for (String table : List.of("big", "small")) {
            sums.add(table + " " + db.queryString("SELECT count(*) || ':' || md5(string_agg(t::text, '|' ORDER BY "
                    + "t.id)) FROM " + table + " t"));
        }
        return sums;
    }

    private static int indexOf(byte[] in, byte[] what) {
        return indexOf(in, what, 0);
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        outer:
        for (int i = from; i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Keeps what the load says. */
    private static final class Notes extends QuietListenerBase {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        /** Each table loaded in pieces, as the report is told: "table: pieces/connections". */
        final List<String> inPieces = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void note(String line) {
            lines.add(line);
        }

        @Override
        public void loadedInPieces(Chunk chunk, int pieces, int connections) {
            inPieces.add(chunk.table() + ": " + pieces + "/" + connections);
        }

        String matchingOrNull(String regex) {
            synchronized (lines) {
                for (String line : lines) {
                    Matcher m = Pattern.compile(regex).matcher(line);
                    if (m.matches()) {
                        return m.groupCount() > 0 ? m.group(1) : line;
                    }
                }
            }
            return null;
        }

        String matching(String regex) {
            String found = matchingOrNull(regex);
            assertTrue(found != null, "no note like " + regex + " in " + lines);
            return found;
        }
    }

    /** Says nothing. */
    private abstract static class QuietListenerBase implements Transfer.Listener {
        @Override
        public void phase(String description) {
        }

        @Override
        public void note(String line) {
        }

        @Override
        public void chunkCopied(Chunk chunk, long rows, long bytes) {
        }
    }
}
