package io.ferry.pgdump;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.diff.Diff;
import io.ferry.diff.DiffOptions;
import io.ferry.diff.SchemaDiff;
import io.ferry.schema.read.CatalogReader;
import io.ferry.sql.ScriptReader;
import io.ferry.sql.SqlStatement;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schemas of the migra corpus (read from the shared folder) with the object kinds it has, dumped by
 * the real pg_dump as custom archives and loaded in parallel: the target's schema equals the source's.
 */
class PgDumpCorpusLoadTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void needsPgDump() {
        PgDumpFixture.requirePgDump();
    }

    static Path corpus() {
        String shared = System.getProperty("ferry.shared.dir");
        assertTrue(shared != null, "system property ferry.shared.dir is not set (the parent POM sets it)");
        return Path.of(shared, "corpora", "migra");
    }

    /**
     * Extensions, schemas, enums, columnless and unlogged tables, checks, views, materialized views
     * and functions (everything); partitions; inheritance; generated and identity columns; row-level
     * security; triggers; ICU collations; grants; views on enums; sequences.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"everything", "partitioning", "inherit", "generated", "identitycols", "rls", "triggers",
            "collations", "privileges", "enumdeps", "seq", "dependencies"})
    void loadsTheSameSchema(String name) throws Exception {
        loadsTheSameSchema(name, false);
    }

    /**
     * With --keep-owners and --keep-grants, owners and privileges compared too: every kind of these
     * schemas gets its owner statement and grants, and they load (the objects are the test user's;
     * PgDumpRolesTest has other owners).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"everything", "privileges", "rls", "collations"})
    void loadsTheSameSchemaWithOwnersAndGrants(String name) throws Exception {
        loadsTheSameSchema(name, true);
    }

    private static void loadsTheSameSchema(String name, boolean roles) throws Exception {
        String suffix = roles ? "_roles" : "";
        TestDatabase source = PostgresExtension.newDatabase("pgdump_corpus_" + name + suffix);
        source.execute("DO $$ BEGIN CREATE ROLE schemainspect_test_role NOLOGIN; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        for (SqlStatement statement : ScriptReader.statements(Files.readString(corpus().resolve(name).resolve("b.sql")))) {
            source.execute(statement.sql());
        }
        Path archive = PgDumpFixture.dump(source, dir.resolve(name + ".dump"), "-Fc");
        TestDatabase target = PostgresExtension.newDatabase("pgdump_corpus_" + name + suffix + "_to");
        Transfer.Report report = PgDumpLoad.load(target.spec(), PgDumpArchive.open(archive),
                new TransferOptions(2, Verify.COUNTS, false, false, roles, roles, List.of(),
                        TransferOptions.DEFAULT_CHUNK_BYTES, false),
                new PgDumpLoadTest.Recorder(false), PostgresExtension.server());
        assertTrue(report.ok(), report.toString());
        Diff diff = SchemaDiff.between(CatalogReader.read(source.spec()), CatalogReader.read(target.spec()),
                DiffOptions.defaults().withPrivileges(roles));
        assertTrue(diff.isEmpty(), diff.changes().toString());
    }
}
