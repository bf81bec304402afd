package io.ferry.ckan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.diff.Diff;
import io.ferry.diff.DiffOptions;
import io.ferry.diff.SchemaDiff;
import io.ferry.pgdump.PgDumpArchive;
import io.ferry.pgdump.PgDumpFixture;
import io.ferry.pgdump.PgDumpLoad;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.read.CatalogReader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import io.ferry.transfer.Chunk;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A generated legacy CKAN catalog, dumped by the real pg_dump in each archive format and loaded in
 * parallel: the target equals the source by schema comparison and by each table's rows.
 */
class PgDumpCkanLoadTest {
    @TempDir
    static Path dir;
    static TestDatabase source;

    @BeforeAll
    static void generate() throws Exception {
        PgDumpFixture.requirePgDump();
        source = PostgresExtension.newDatabase("pgdump_ckan_source");
        CatalogGenerator.generate(source.spec(), new GenerateOptions(150, 5, HarvestShape.DGU), line -> { });
    }

    /** pg_dump's options for each format: custom gzip-compressed and not, a directory written by two jobs, tar. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gz.dump -Fc", "z0.dump -Fc -Z0", "dir -Fd -j 2", "x.tar -Ft"})
    void loadsTheSameCatalog(String formats) throws Exception {
        String[] words = formats.split(" ");
        Path archive = PgDumpFixture.dump(source, dir.resolve(words[0]), Arrays.copyOfRange(words, 1, words.length));

        TestDatabase target = PostgresExtension.newDatabase("pgdump_ckan_" + words[0].replace('.', '_'));
        Transfer.Report report = PgDumpLoad.load(target.spec(), PgDumpArchive.open(archive),
                new TransferOptions(2, Verify.COUNTS, false, false, false, false, List.of(),
                        TransferOptions.DEFAULT_CHUNK_BYTES, false), new Transfer.Listener() {
                    @Override
                    public void phase(String description) {
                    }

                    @Override
                    public void note(String line) {
                    }

                    @Override
                    public void chunkCopied(Chunk chunk, long rows, long bytes) {
                    }
                }, PostgresExtension.server());
        assertTrue(report.ok(), report.toString());
        assertTrue(report.tables().get("\"public\".\"package\"").rows() >= 150, report.tables().toString());
        Diff diff = SchemaDiff.between(CatalogReader.read(source.spec()), CatalogReader.read(target.spec()),
                DiffOptions.defaults());
        assertTrue(diff.isEmpty(), diff.changes().toString());
        assertEquals(checksums(source), checksums(target));
    }

    /** Per table, its row count and an md5 of its rows' text in a stable order. */
    private static Map<String, String> checksums(TestDatabase db) {
        Map<String, String> sums = new TreeMap<>();
        for (QualifiedName table : CatalogReader.read(db.spec()).tables().values().stream()
                .map(t -> t.name()).toList()) {
            sums.put(table.sql(), db.queryString("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' "
                    + "ORDER BY t::text)), '') FROM " + table.sql() + " t"));
        }
        assertTrue(sums.size() > 20, sums.keySet().toString());
        return sums;
    }
}
