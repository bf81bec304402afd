package io.ferry.pgdump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives in the layouts of pg_dump 16 (1.15) and 17 (1.16) with zstd- or lz4-compressed blocks, built by
 * {@link ArchiveWriter} from a pg_dump 15 archive (only pg_dump 15 is on the machine), then loaded.
 */
class NewerArchiveTest {
    @TempDir
    static Path dir;
    static TestDatabase source;
    static PgDumpArchive plain;

    @BeforeAll
    static void dumpIt() throws Exception {
        source = PostgresExtension.newDatabase("pgdump_newer");
        PgDumpFixture.create(source);
        plain = PgDumpArchive.open(PgDumpFixture.dump(source, dir.resolve("plain.dump"), "-Fc", "-Z0"));
    }

    @Test
    void loadsAPgDump16ArchiveWithZstdBlocks() throws Exception {
        assertLoads(new ArchiveWriter(15, 3, ArchiveWriter::zstd).write(plain, dir.resolve("v15-zstd.dump")), "1.15");
    }

    @Test
    void loadsAPgDump17ArchiveWithZstdBlocks() throws Exception {
        assertLoads(new ArchiveWriter(16, 3, ArchiveWriter::zstd).write(plain, dir.resolve("v16-zstd.dump")), "1.16");
    }

    @Test
    void loadsAPgDump17ArchiveWithLz4Blocks() throws Exception {
        assertLoads(new ArchiveWriter(16, 2, ArchiveWriter::lz4).write(plain, dir.resolve("v16-lz4.dump")), "1.16",
                Compression.LZ4);
    }

    private static void assertLoads(Path file, String version) {
        assertLoads(file, version, Compression.ZSTD);
    }

    private static void assertLoads(Path file, String version, Compression compression) {
        PgDumpArchive archive = PgDumpArchive.open(file);
        assertEquals(version, archive.header().version());
        assertEquals(compression, archive.header().compression());
        assertEquals(plain.entries(), archive.entries().stream().map(e -> new TocEntry(e.dumpId(), e.hasData(),
                e.section(), e.description(), e.namespace(), e.tag(), e.owner(), e.definition(), e.dropStatement(),
                e.copyStatement(), e.tableAccessMethod(), e.dependencies(), plainOffset(e), e.fileName())).toList());
        TestDatabase target = PostgresExtension.newDatabase("pgdump_newer_" + version + compression);
        assertTrue(PgDumpLoadTest.load(target, archive, PgDumpLoadTest.options(2), new PgDumpLoadTest.Recorder(false))
                .ok());
        assertEquals(PgDumpFixture.checksums(source), PgDumpFixture.checksums(target));
    }

    private static long plainOffset(TocEntry e) {
        return plain.entries().stream().filter(p -> p.dumpId() == e.dumpId()).findFirst().orElseThrow().dataOffset();
    }
}
