package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A resumed load into a target whose table now has another column type is refused, naming the column. */
@ExtendWith(PostgresExtension.class)
class ResumeColumnsTest {
    @TempDir
    Path dir;

    @Test
    void aColumnTypeChangedBeforeResumeIsNamed(TestDatabase source, TestDatabase target) throws Exception {
        source.execute("CREATE TABLE \"Odd \"\"t\" (id integer PRIMARY KEY, amount integer, note text);"
                + "INSERT INTO \"Odd \"\"t\" SELECT g, g, repeat('n', 200) FROM generate_series(1, 20000) g; ANALYZE;");
        TransferOptions options = new TransferOptions(1, Verify.CHECKSUMS, false, false, false, false, List.of(),
                64 << 10, true);
        Path archive = dir.resolve("db.ferry");
        try (OutputStream out = Files.newOutputStream(archive)) {
            Dump.run(source.spec(), out, options, new QuietListener());
        }
        assertThrows(FerryException.class, () -> ArchiveLoad.fromFile(target.spec(), archive, options,
                new QuietListener(2)));
        assertTrue(target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL") >= 1);

        target.execute("ALTER TABLE \"Odd \"\"t\" ALTER COLUMN amount TYPE bigint");
        TransferOptions resume = new TransferOptions(1, Verify.CHECKSUMS, true, false, false, false, List.of(),
                64 << 10, true);
        FerryException e = assertThrows(FerryException.class, () -> ArchiveLoad.fromFile(target.spec(), archive,
                resume, new QuietListener()));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("column \"amount\" of \"public\".\"Odd \"\"t\" is `\"amount\" bigint` on "
                + "the target but `\"amount\" integer` in the schema being copied"), e.getMessage());

        target.execute("ALTER TABLE \"Odd \"\"t\" ALTER COLUMN amount TYPE integer");
        Transfer.Report report = ArchiveLoad.fromFile(target.spec(), archive, resume, new QuietListener());
        assertTrue(report.ok(), report.toString());
        assertEquals(20000, target.queryLong("SELECT count(*) FROM \"Odd \"\"t\""));
    }
}
