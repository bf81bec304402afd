package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rows an archive says it sent must be the rows COPY loaded, table by table. */
class ForeignArchiveLoadTest {
    /** Rows in COPY's text format that claim to hold {@code claimed} rows. */
    private static ForeignArchiveLoad.RowStream rows(String text, long claimed) {
        ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new ForeignArchiveLoad.RowStream() {
            @Override
            public long rows() {
                return claimed;
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }
        };
    }

    private static ForeignArchiveLoad.Source source(Schema model, long claimedTags) {
        return new ForeignArchiveLoad.Source("test.dump", model, 15, List.of(
                new ForeignArchiveLoad.TableRows("public", "package", List.of("id", "title"), 100,
                        () -> rows("1\tone\n2\t\\N\n\\.\n", 2)),
                new ForeignArchiveLoad.TableRows("public", "tag", List.of("id", "package_id"), 10,
                        () -> rows("7\t1\n8\t2\n9\t2\n\\.\n", claimedTags))),
                List.of("SELECT pg_catalog.setval('public.ticket', 41, true);"), true);
    }

    @Test
    void rowsReadThatDifferFromRowsLoadedStopTheLoadAndResumeLoadsThemAgain() {
        TestDatabase model = PostgresExtension.newDatabase("foreign_model");
        model.execute("CREATE SEQUENCE ticket; CREATE TABLE package (id int PRIMARY KEY, title text); "
                + "CREATE TABLE tag (id int PRIMARY KEY, package_id int REFERENCES package (id))");
        Schema schema = CatalogReader.read(model.spec());
        TestDatabase target = PostgresExtension.newDatabase("foreign_target");
        TransferOptions options = new TransferOptions(2, Verify.COUNTS, false, false, false, false, List.of(),
                TransferOptions.DEFAULT_CHUNK_BYTES, false);

        FerryException e = assertThrows(FerryException.class, () -> ForeignArchiveLoad.run(target.spec(),
                source(schema, 4), options, new QuietListener()));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("\"public\".\"tag\": 4 rows read from the archive, 3 loaded"), e.getMessage());
        assertEquals(0, target.queryLong("SELECT count(*) FROM tag"), "the table that differs is rolled back");
        assertEquals(1, target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL"));

        Transfer.Report report = ForeignArchiveLoad.run(target.spec(), source(schema, 3), options.withResume(true),
                new QuietListener());
        assertTrue(report.ok(), report.toString());
        assertEquals(3, target.queryLong("SELECT count(*) FROM tag"));
        assertEquals(2, target.queryLong("SELECT count(*) FROM package"));
        assertEquals(41, target.queryLong("SELECT last_value FROM ticket"));
        assertEquals(1, target.queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"));
    }
}
