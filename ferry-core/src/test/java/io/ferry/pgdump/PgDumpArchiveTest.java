package io.ferry.pgdump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header, table of contents and data of archives written by the real pg_dump 15. */
class PgDumpArchiveTest {
    @TempDir
    static Path dir;
    static TestDatabase source;

    @BeforeAll
    static void dumpIt() {
        source = PostgresExtension.newDatabase("pgdump_archive");
        PgDumpFixture.create(source);
    }

    @Test
    void readsACustomArchiveCompressedWithGzip() throws Exception {
        PgDumpArchive archive = PgDumpArchive.open(PgDumpFixture.dump(source, dir.resolve("gz.dump"), "-Fc"));
        assertEquals(PgDumpArchive.Format.CUSTOM, archive.header().format());
        assertEquals("1.14", archive.header().version());
        assertEquals(Compression.GZIP, archive.header().compression());
        assertEquals(source.name(), archive.header().database());
        assertRowsOf(archive);
    }

    @Test
    void readsACustomArchiveWithoutCompression() throws Exception {
        PgDumpArchive archive = PgDumpArchive.open(PgDumpFixture.dump(source, dir.resolve("z0.dump"), "-Fc", "-Z0"));
        assertEquals(Compression.NONE, archive.header().compression());
        TocEntry table = entry(archive, "TABLE", "package");
        assertEquals(TocEntry.Section.PRE_DATA, table.section());
        assertEquals("public", table.namespace());
        assertEquals(source.spec().user(), table.owner());
        assertTrue(table.definition().startsWith("CREATE TABLE public.package ("), table.definition());
        assertEquals("DROP TABLE public.package;\n", table.dropStatement());
        assertEquals("heap", table.tableAccessMethod());
        TocEntry fk = entry(archive, "FK CONSTRAINT", "package_tag package_tag_package_id_fkey");
        assertEquals(TocEntry.Section.POST_DATA, fk.section());
        assertTrue(fk.dependencies().contains(entry(archive, "CONSTRAINT", "package package_pkey").dumpId()),
                fk.dependencies().toString());
        assertRowsOf(archive);
    }

    @Test
    void readsACustomArchiveWrittenToAPipeWithoutOffsets() throws Exception {
        Path piped = dir.resolve("piped.dump");
        Process p = new ProcessBuilder("sh", "-c", "pg_dump -Fc -h localhost -p " + source.spec().port() + " -U "
                + source.spec().user() + " " + source.name() + " | cat > " + piped).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        PgDumpArchive archive = PgDumpArchive.open(piped);
        assertTrue(archive.entries().stream().allMatch(e -> e.dataOffset() == -1), "no offsets through a pipe");
        assertRowsOf(archive);
    }

    @Test
    void readsADirectoryDumpWrittenInParallel() throws Exception {
        PgDumpArchive archive = PgDumpArchive.open(PgDumpFixture.dump(source, dir.resolve("dir"), "-Fd", "-j", "2"));
        assertEquals(PgDumpArchive.Format.DIRECTORY, archive.header().format());
        assertRowsOf(archive);
    }

    @Test
    void readsATarArchive() throws Exception {
        PgDumpArchive archive = PgDumpArchive.open(PgDumpFixture.dump(source, dir.resolve("x.tar"), "-Ft"));
        assertEquals(PgDumpArchive.Format.TAR, archive.header().format());
        assertRowsOf(archive);
    }

    private static void assertRowsOf(PgDumpArchive archive) throws IOException {
        TocEntry data = entry(archive, "TABLE DATA", "package");
        assertTrue(data.isTableData());
        assertEquals("COPY public.package (id, title, notes, n) FROM stdin;\n", data.copyStatement());
        String rows = text(archive, data);
        assertTrue(rows.startsWith("p1\tTitle 1\ttab\\there\\nnew line; back\\\\slash 1\t40\n"), rows.substring(0, 80));
        assertTrue(rows.contains("p7\t\\N\t"), "a NULL");
        // The blank lines pg_dump writes after the end line are no rows: the data ends with it.
        assertTrue(rows.endsWith("\n\\.\n"), "ends with COPY's end line");
        assertEquals("1\t\\\\x00ff0a09\n2\t\\N\n3\t\\\\x\n\\.\n", text(archive, entry(archive, "TABLE DATA", "blob")));
        try (EntryData read = archive.data(data)) {
            read.readAllBytes();
            assertEquals(300, read.rows());
        }
    }

    private static String text(PgDumpArchive archive, TocEntry entry) throws IOException {
        try (InputStream in = archive.data(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static TocEntry entry(PgDumpArchive archive, String description, String tag) {
        List<TocEntry> found = archive.entries().stream()
                .filter(e -> e.description().equals(description) && e.tag().equals(tag)).toList();
        assertEquals(1, found.size(), description + " " + tag + " in " + archive.entries());
        return found.get(0);
    }
}
