package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ferry load -}: an archive read from a stream, loaded in one transaction and checked against its manifest. */
@ExtendWith(PostgresExtension.class)
class ArchiveStreamLoadTest {
    private static final String ITEMS = """
            CREATE TABLE item (id int PRIMARY KEY, label text);
            INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 2000) g;
            CREATE TABLE note (item_id int REFERENCES item (id), body text);
            INSERT INTO note SELECT g % 2000 + 1, repeat('n', g % 50) FROM generate_series(1, 3000) g;
            """;

    private static byte[] dump(TestDatabase source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Dump.run(source.spec(), out, TransferOptions.defaults(), new QuietListener());
        return out.toByteArray();
    }

    private static Transfer.Report load(byte[] archive, TestDatabase target) {
        return ArchiveLoad.fromStream(target.spec(), new ByteArrayInputStream(archive), "stdin",
                TransferOptions.defaults(), new QuietListener());
    }

    @Test
    void aSoundStreamLoadsAndMatchesTheManifest(TestDatabase source, TestDatabase target) {
        source.execute(ITEMS);
        Transfer.Report report = load(dump(source), target);
        assertTrue(report.ok(), report.toString());
        assertEquals(3000, target.queryLong("SELECT count(*) FROM note"));
    }

    @Test
    void rowsWhoseChecksumDiffersFromTheManifestFailTheLoadAndLeaveNothing(TestDatabase source, TestDatabase target) {
        source.execute(ITEMS);
        byte[] archive = dump(source);
        // One digit of the manifest's first checksum changed: every row count still matches it.
        int at = indexOf(archive, "\"checksum\":\"", indexOf(archive, "manifest.json", 0)) + "\"checksum\":\"".length();
        if (archive[at] == '-') {
            at++;
        }
        archive[at] = (byte) (archive[at] == '9' ? '1' : archive[at] + 1);

        FerryException e = assertThrows(FerryException.class, () -> load(archive, target));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("does not match its manifest") && e.getMessage().contains("checksum differs"),
                e.getMessage());
        assertEquals(0, target.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
                "rolled back");
    }

    @Test
    void anAnalyzeThatFailsAfterTheCommitIsReportedAsItself(TestDatabase source, TestDatabase target) {
        // An index expression that fails when no transaction id is assigned yet: the index builds in
        // the load's transaction, which has one (it created the table), but ANALYZE samples each table
        // in a fresh transaction of its own before writing anything, so it evaluates it without one.
        source.execute("""
                CREATE FUNCTION picky(i int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
                BEGIN
                    IF txid_current_if_assigned() IS NULL THEN
                        RAISE EXCEPTION 'picky about %', i;
                    END IF;
                    RETURN i;
                END $$;
                """ + ITEMS + "CREATE INDEX item_picky ON item (picky(id));");
        byte[] archive = dump(source);

        FerryException e = assertThrows(FerryException.class, () -> load(archive, target));
        assertTrue(e.getMessage().contains("ANALYZE failed") && e.getMessage().contains("picky about"), e.getMessage());
        assertTrue(e.getCause() != null && e.getCause().getMessage().contains("picky about"), "the cause is kept");
        assertEquals(2000, target.queryLong("SELECT count(*) FROM item"), "committed before ANALYZE");
    }

    private static int indexOf(byte[] haystack, String text, int from) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no " + text + " in the archive");
    }
}
