package io.ferry.pgdump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.FerryException;
import io.ferry.diff.Diff;
import io.ferry.diff.DiffOptions;
import io.ferry.diff.SchemaDiff;
import io.ferry.schema.read.CatalogReader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import io.ferry.transfer.PlainDumpLoad;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives written by the real pg_dump 15, loaded: the target equals the source in schema and rows. */
class PgDumpLoadTest {
    @TempDir
    static Path dir;
    static TestDatabase source;

    @BeforeAll
    static void createSource() {
        source = PostgresExtension.newDatabase("pgdump_load_source");
        PgDumpFixture.create(source);
        source.execute("SELECT nextval('ticket') FROM generate_series(1, 5)");
    }

    static TransferOptions options(String... excludeTableData) {
        return new TransferOptions(1, Verify.NONE, false, false, false, false, List.of(excludeTableData),
                TransferOptions.DEFAULT_CHUNK_BYTES, false);
    }

    private static TestDatabase loadedFrom(Path archive) {
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_" + archive.getFileName());
        PlainDumpLoad.Result result = PgDumpLoad.load(target.spec(), PgDumpArchive.open(archive), options(), line -> { });
        assertEquals(Map.of("public.package", 300L, "public.tag", 20L, "public.package_tag", 300L, "public.blob", 3L),
                result.rowsByTable());
        return target;
    }

    private static void assertSameAsSource(TestDatabase target) {
        Diff diff = SchemaDiff.between(CatalogReader.read(source.spec()), CatalogReader.read(target.spec()),
                DiffOptions.defaults());
        assertTrue(diff.isEmpty(), diff.changes().toString());
        assertEquals(PgDumpFixture.checksums(source), PgDumpFixture.checksums(target));
        assertEquals(source.queryLong("SELECT last_value FROM ticket"), target.queryLong("SELECT last_value FROM ticket"));
        assertEquals("P1", target.queryString("SELECT title FROM titled WHERE id = 'p1'").replace("TITLE ", "P"));
        assertEquals("X!", target.queryString("SELECT shout('x')"));
    }

    @Test
    void loadsEachFormat() throws Exception {
        assertSameAsSource(loadedFrom(PgDumpFixture.dump(source, dir.resolve("gz.dump"), "-Fc")));
        assertSameAsSource(loadedFrom(PgDumpFixture.dump(source, dir.resolve("z0.dump"), "-Fc", "-Z0")));
        assertSameAsSource(loadedFrom(PgDumpFixture.dump(source, dir.resolve("dir"), "-Fd", "-j", "2")));
        assertSameAsSource(loadedFrom(PgDumpFixture.dump(source, dir.resolve("x.tar"), "-Ft")));
    }

    @Test
    void keepsExcludedTablesAsStructureOnly() throws Exception {
        Path archive = PgDumpFixture.dump(source, dir.resolve("excluded.dump"), "-Fc");
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_excluded");
        PlainDumpLoad.Result result = PgDumpLoad.load(target.spec(), PgDumpArchive.open(archive),
                options("package_tag"), line -> { });
        assertEquals(List.of("public.package_tag"), result.structureOnly());
        assertEquals(0, target.queryLong("SELECT count(*) FROM package_tag"));
        assertEquals(300, target.queryLong("SELECT count(*) FROM package"));
    }

    @Test
    void aCorruptDataBlockLoadsNothing() throws Exception {
        Path archive = PgDumpFixture.dump(source, dir.resolve("corrupt.dump"), "-Fc");
        PgDumpArchive read = PgDumpArchive.open(archive);
        TocEntry blob = PgDumpArchiveTest.entry(read, "TABLE DATA", "package");
        byte[] bytes = Files.readAllBytes(archive);
        // Past the block's type, dump id and first chunk length: into the zlib stream itself.
        int at = (int) blob.dataOffset() + 1 + 5 + 5 + 2;
        for (int i = at; i < at + 16; i++) {
            bytes[i] ^= 0x5a;
        }
        Path corrupt = Files.write(dir.resolve("corrupted.dump"), bytes);
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_corrupt");
        FerryException e = assertThrows(FerryException.class, () -> PgDumpLoad.load(target.spec(),
                PgDumpArchive.open(corrupt), options(), line -> { }));
        assertTrue(e.getMessage().contains("TABLE DATA public.package (dump id " + blob.dumpId() + ")"), e.getMessage());
        assertTrue(e.getMessage().startsWith(corrupt.toString()), e.getMessage());
        assertEquals(null, target.queryString("SELECT to_regclass('public.tag')::text"), "nothing half-loaded");
    }

    @Test
    void aTruncatedArchiveIsRefusedBeforeLoading() throws Exception {
        Path archive = PgDumpFixture.dump(source, dir.resolve("whole.dump"), "-Fc", "-Z0");
        byte[] bytes = Files.readAllBytes(archive);
        Path tocCut = Files.write(dir.resolve("toc-cut.dump"), Arrays.copyOf(bytes, 900));
        FerryException e = assertThrows(FerryException.class, () -> PgDumpArchive.open(tocCut));
        assertTrue(e.getMessage().startsWith(tocCut + ": the archive ends unexpectedly (truncated?) in its table of "
                + "contents, at entry"), e.getMessage());

        Path dataCut = Files.write(dir.resolve("data-cut.dump"), Arrays.copyOf(bytes, bytes.length - 300));
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_truncated");
        FerryException cut = assertThrows(FerryException.class, () -> PgDumpLoad.load(target.spec(),
                PgDumpArchive.open(dataCut), options(), line -> { }));
        assertTrue(cut.getMessage().contains("its data ends unexpectedly (truncated?)"), cut.getMessage());
        assertEquals(null, target.queryString("SELECT to_regclass('public.package')::text"), "nothing half-loaded");
    }

    @Test
    void wrongMagicAndFutureVersionsAreNamed() throws Exception {
        Path archive = PgDumpFixture.dump(source, dir.resolve("v.dump"), "-Fc");
        byte[] bytes = Files.readAllBytes(archive);
        bytes[6] = 17;
        Path future = Files.write(dir.resolve("future.dump"), bytes);
        FerryException e = assertThrows(FerryException.class, () -> PgDumpArchive.open(future));
        assertEquals(future + ": archive version 1.17 is newer than this Ferry reads (up to 1.16, written by "
                + "pg_dump 17)", e.getMessage());
        bytes[0] = 'X';
        Path magic = Files.write(dir.resolve("magic.dump"), bytes);
        e = assertThrows(FerryException.class, () -> PgDumpArchive.open(magic));
        assertEquals(magic + " is not a pg_dump archive (it does not start with PGDMP)", e.getMessage());
    }

    @Test
    void aFailingDefinitionIsNamedByItsEntry() throws Exception {
        PgDumpArchive plain = PgDumpArchive.open(PgDumpFixture.dump(source, dir.resolve("plain.dump"), "-Fc", "-Z0"));
        // The index is created after the data: the load has run many statements and COPYs by then.
        Path archive = new ArchiveWriter(15, 0, data -> data).write(plain, dir.resolve("clash.dump"),
                e -> !e.description().equals("INDEX") ? e : new TocEntry(e.dumpId(), e.hasData(), e.section(),
                        e.description(), e.namespace(), e.tag(), e.owner(),
                        e.definition().replace("(tag_id)", "(no_such_column)"), e.dropStatement(), e.copyStatement(),
                        e.tableAccessMethod(), e.dependencies(), e.dataOffset(), e.fileName()));
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_clash");
        FerryException e = assertThrows(FerryException.class, () -> PgDumpLoad.load(target.spec(),
                PgDumpArchive.open(archive), options(), line -> { }));
        int id = PgDumpArchiveTest.entry(plain, "INDEX", "package_tag_tag").dumpId();
        assertTrue(e.getMessage().startsWith(archive + ": INDEX public.package_tag_tag (dump id " + id + "): "),
                e.getMessage());
        assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
        assertEquals(null, target.queryString("SELECT to_regclass('public.package')::text"), "nothing half-loaded");
    }

    @Test
    void anArchiveInAnotherEncodingIsRefusedBeforeLoading() throws Exception {
        PgDumpArchive plain = PgDumpArchive.open(PgDumpFixture.dump(source, dir.resolve("utf8.dump"), "-Fc", "-Z0"));
        Path archive = new ArchiveWriter(15, 0, data -> data).write(plain, dir.resolve("latin1.dump"),
                e -> !e.description().equals("ENCODING") ? e : new TocEntry(e.dumpId(), e.hasData(), e.section(),
                        e.description(), e.namespace(), e.tag(), e.owner(), "SET client_encoding = 'LATIN1';\n",
                        e.dropStatement(), e.copyStatement(), e.tableAccessMethod(), e.dependencies(), e.dataOffset(),
                        e.fileName()));
        TestDatabase target = PostgresExtension.newDatabase("pgdump_load_latin1");
        FerryException e = assertThrows(FerryException.class, () -> PgDumpLoad.load(target.spec(),
                PgDumpArchive.open(archive), options(), line -> { }));
        assertEquals(archive + ": the archive's data is not UTF-8 (SET client_encoding = 'LATIN1';); Ferry loads "
                + "UTF-8 archives only: dump with pg_dump -E UTF8", e.getMessage());
    }
}
