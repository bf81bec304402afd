package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class TransferCliTest {
    private static final String SOURCE = """
            CREATE TABLE package (id text PRIMARY KEY, name text UNIQUE, notes text);
            CREATE TABLE resource (id serial PRIMARY KEY, package_id text REFERENCES package (id), url text);
            INSERT INTO package SELECT md5(g::text), 'dataset-' || g, repeat('lorem ipsum ', 20 + g % 30)
                FROM generate_series(1, 60000) g;
            INSERT INTO resource (package_id, url) SELECT md5((g % 60000 + 1)::text), 'http://x/' || g
                FROM generate_series(1, 60000) g;
            ANALYZE;
            """;

    @TempDir
    Path dir;

    @Test
    void transferIsVerifiedAndRefusesToOverwrite(TestDatabase source, TestDatabase target) throws Exception {
        source.execute(SOURCE);
        FerryProcess.Result r = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("data and schema verified"), r.out());
        assertEquals(60000, target.queryLong("SELECT count(*) FROM resource"));
        assertEquals(source.queryLong("SELECT last_value FROM resource_id_seq"),
                target.queryLong("SELECT last_value FROM resource_id_seq"));

        FerryProcess.Result again = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url());
        assertEquals(3, again.exitCode(), again.all());
        assertTrue(again.err().contains("is not empty"), again.err());
        FerryProcess.Result unconfirmed = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to",
                target.url(), "--clean");
        assertEquals(2, unconfirmed.exitCode(), unconfirmed.all());
    }

    @Test
    void killDashNineMidCopyThenResumeGivesIdenticalChecksums(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute(SOURCE);
        Process p = FerryProcess.start(dir, "killed", "transfer", "--from", source.url(), "--to", target.url(),
                "--jobs", "1", "--split-larger-than", "256kB");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            boolean planned = target.queryString("SELECT to_regclass('ferry.transfer_chunk')") != null;
            if (planned && target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL") >= 3) {
                break;
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        p.waitFor();
        long chunks = target.queryLong("SELECT count(*) FROM ferry.transfer_chunk");
        long copied = target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL");
        assertTrue(copied >= 3 && copied < chunks, "killed midway: " + copied + " of " + chunks);

        FerryProcess.Result resumed = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--resume", "--verify", "checksums");
        assertEquals(0, resumed.exitCode(), resumed.all());
        assertTrue(resumed.out().contains("(resumed)"), resumed.out());
        String checksum = "SELECT count(*) || ':' || sum(hashtextextended(p::text, 0)) FROM package p";
        assertEquals(source.queryString(checksum), target.queryString(checksum));
        assertEquals(60000, target.queryLong("SELECT count(DISTINCT id) FROM package"));
    }
}
