package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class DumpLoadCliTest {
    private static final String SOURCE = """
            CREATE TABLE package (id text PRIMARY KEY, name text UNIQUE, notes text, created timestamptz);
            CREATE TABLE resource (id serial PRIMARY KEY, package_id text REFERENCES package (id), url text,
                size bigint, extras jsonb);
            CREATE TABLE tag (name text);
            INSERT INTO package SELECT md5(g::text), 'dataset-' || g, repeat('lorem; ipsum\t"x" ', 5 + g % 30),
                '2017-01-01'::timestamptz + g * interval '1 hour' FROM generate_series(1, 30000) g;
            INSERT INTO resource (package_id, url, size, extras) SELECT md5((g % 30000 + 1)::text), 'http://x/' || g,
                g * 1000, jsonb_build_object('format', 'CSV', 'n', g) FROM generate_series(1, 40000) g;
            INSERT INTO tag SELECT 'tag' || g FROM generate_series(1, 500) g;
            ANALYZE;
            """;
    private static final String CHECK = "SELECT (SELECT count(*) || ':' || sum(hashtextextended(p::text, 0)) FROM package p)"
            + " || '/' || (SELECT count(*) || ':' || sum(hashtextextended(r::text, 0)) FROM resource r)";

    @TempDir
    Path dir;

    @Test
    void dumpThenLoadFromAFileInParallelAndThroughAPipe(TestDatabase source, TestDatabase fromFile,
                                                        TestDatabase fromPipe) throws Exception {
        source.execute(SOURCE);
        Path archive = dir.resolve("ckan.ferry");
        FerryProcess.Result dumped = FerryProcess.run(dir, "dump", "--db", source.url(), "-o", archive.toString(),
                "--split-larger-than", "512kB", "--exclude-table-data", "tag");
        assertEquals(0, dumped.exitCode(), dumped.all());
        assertTrue(Files.size(archive) > 0);

        FerryProcess.Result loaded = FerryProcess.run(dir, "load", "--db", fromFile.url(), archive.toString(),
                "--jobs", "3");
        assertEquals(0, loaded.exitCode(), loaded.all());
        assertTrue(loaded.out().contains("data and schema verified"), loaded.out());
        assertEquals(source.queryString(CHECK), fromFile.queryString(CHECK));
        assertEquals(0, fromFile.queryLong("SELECT count(*) FROM tag"));

        ProcessBuilder dump = FerryProcess.builder(dir, List.of("dump", "--db", source.url(), "-o", "-"));
        ProcessBuilder load = FerryProcess.builder(dir, List.of("load", "--db", fromPipe.url(), "-"));
        dump.redirectError(dir.resolve("pipe-dump.err").toFile());
        load.redirectOutput(dir.resolve("pipe-load.out").toFile()).redirectError(dir.resolve("pipe-load.err").toFile());
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(dump, load));
        for (Process p : pipeline) {
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals(0, pipeline.get(1).exitValue(), Files.readString(dir.resolve("pipe-load.err")));
        assertEquals(source.queryString(CHECK), fromPipe.queryString(CHECK));
    }

    @Test
    void corruptTruncatedOrForeignArchivesAreRefusedAndLeaveNothing(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute(SOURCE);
        Path archive = dir.resolve("ckan.ferry");
        assertEquals(0, FerryProcess.run(dir, "dump", "--db", source.url(), "-o", archive.toString()).exitCode());
        byte[] bytes = Files.readAllBytes(archive);

        Path truncated = dir.resolve("truncated.ferry");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        FerryProcess.Result t = FerryProcess.run(dir, "load", "--db", target.url(), truncated.toString());
        assertEquals(1, t.exitCode(), t.all());
        assertTrue(t.err().contains("truncated"), t.err());
        assertEquals(null, target.queryString("SELECT to_regclass('package')"));

        Path corrupt = dir.resolve("corrupt.ferry");
        Files.write(corrupt, bytes);
        try (RandomAccessFile raf = new RandomAccessFile(corrupt.toFile(), "rw")) {
            raf.seek(bytes.length * 3L / 4);
            raf.write(new byte[64]); // zeros in the middle of compressed data
        }
        FerryProcess.Result c = FerryProcess.run(dir, "load", "--db", target.url(), corrupt.toString());
        assertEquals(1, c.exitCode(), c.all());
        // Progress lines come first on standard error; the failure is one line, the last.
        assertEquals(1, c.err().lines().filter(l -> l.startsWith("ferry: ")).count(), c.err());
        assertTrue(c.err().strip().lines().reduce((x, y) -> y).orElseThrow().startsWith("ferry: "), c.err());
        assertTrue(c.err().contains("corrupt") && c.err().contains("--resume"), c.err());

        TestDatabase empty = PostgresExtension.newDatabase("foreign");
        FerryProcess.Result foreign = FerryProcess.run(dir, "load", "--db", empty.url(),
                Files.writeString(dir.resolve("notes.txt"), "hello").toString());
        assertEquals(1, foreign.exitCode(), foreign.all());
    }

    @Test
    void killDashNineMidLoadThenResume(TestDatabase source, TestDatabase target) throws Exception {
        source.execute(SOURCE);
        Path archive = dir.resolve("ckan.ferry");
        assertEquals(0, FerryProcess.run(dir, "dump", "--db", source.url(), "-o", archive.toString(),
                "--split-larger-than", "128kB").exitCode());
        Process p = FerryProcess.start(dir, "killed", "load", "--db", target.url(), archive.toString(), "--jobs", "1");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (target.queryString("SELECT to_regclass('ferry.transfer_chunk')") != null
                    && target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL") >= 2) {
                break;
            }
            Thread.sleep(10);
        }
        p.destroyForcibly();
        p.waitFor();
        FerryProcess.Result resumed = FerryProcess.run(dir, "load", "--db", target.url(), archive.toString(), "--resume");
        assertEquals(0, resumed.exitCode(), resumed.all());
        assertEquals(source.queryString(CHECK), target.queryString(CHECK));
    }
}
