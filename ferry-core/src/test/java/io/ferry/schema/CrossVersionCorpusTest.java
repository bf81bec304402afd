package io.ferry.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.diff.Diff;
import io.ferry.diff.DiffOptions;
import io.ferry.diff.SchemaDiff;
import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.schema.read.ServerRendering;
import io.ferry.schema.script.SchemaScript;
import io.ferry.sql.ScriptReader;
import io.ferry.sql.SqlStatement;
import io.ferry.test.PostgresVersions;
import io.ferry.transfer.ServerVersions;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migra corpus across PostgreSQL versions: each case is built on a server of one version, read
 * there, written out by {@link SchemaScript} on a server of another, read again, and the two models
 * must diff as empty (what {@code ferry verify} reports). Sources 9.6 to 17 go to 15; 15 goes to
 * every target version. On an old source, a statement the server does not know (a feature it lacks)
 * is left out of the case: the case then holds the objects that version supports.
 *
 * <p>By default only the oldest and the newest server run (9.6 -> 15, 17 -> 15, 15 -> 17): the plain
 * query of each kind and its newest variant. {@code -Dferry.pg.versions=all} runs every version
 * ({@code bench/versions.sh}).
 */
@Tag("slow")
class CrossVersionCorpusTest {
    /** The versions run by default: the oldest and the newest server. */
    private static final List<String> QUICK = List.of("9.6", "17");

    static Stream<Arguments> sources() throws IOException {
        return cases(PostgresVersions.selected(PostgresVersions.SOURCES, QUICK).stream()
                .filter(v -> !v.equals("15")).toList());
    }

    static Stream<Arguments> targets() throws IOException {
        return cases(PostgresVersions.selected(PostgresVersions.TARGETS, QUICK).stream()
                .filter(v -> !v.equals("15")).toList());
    }

    /** Each version with each case's b.sql (the a.sql of a case is a subset in shape of its b.sql). */
    private static Stream<Arguments> cases(List<String> versions) throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(CorpusRoundTripTest.corpus())) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        return versions.stream().flatMap(v -> folders.stream()
                .map(folder -> Arguments.of(v, folder.getFileName() + "/b.sql")));
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "{0} -> 15: {1}")
    @MethodSource("sources")
    void fromEachSourceVersionTo15(String version, String file) throws IOException {
        crossOver(version, "15", file);
    }

    @ParameterizedTest(allowZeroInvocations = true, name = "15 -> {0}: {1}")
    @MethodSource("targets")
    void from15ToEachTargetVersion(String version, String file) throws IOException {
        crossOver("15", version, file);
    }

    private static void crossOver(String from, String to, String file) throws IOException {
        String hint = file.replace("/b.sql", "").replace('/', '_');
        TestDatabase source = PostgresVersions.newDatabase(from, hint + "_src");
        RoundTrip.ensureTestRoles(source);
        List<String> statements = ScriptReader.statements(Files.readString(CorpusRoundTripTest.corpus().resolve(file)))
                .stream().map(SqlStatement::sql).toList();
        List<String> skipped = runWhatTheServerKnows(source, statements);
        if (from.equals("15")) {
            assertTrue(skipped.isEmpty(), "the corpus runs on 15 as it is: " + skipped);
        }
        TestDatabase target = PostgresVersions.newDatabase(to, hint + "_dst");
        RoundTrip.ensureTestRoles(target);
        try (Connection t = target.open()) {
            // As a transfer does: extensions at versions the target ships, views compared as it writes them.
            Schema schema = ServerVersions.withTargetsExtensions(t, CatalogReader.read(source.spec()), note -> { });
            List<String> script = SchemaScript.create(schema);
            RoundTrip.execute(target, script);
            Schema rebuilt = CatalogReader.read(target.spec());
            Diff diff = SchemaDiff.between(ServerRendering.views(t, schema), rebuilt, DiffOptions.defaults());
            if (!diff.isEmpty()) {
                fail(from + " -> " + to + ": the rebuilt schema differs:\n" + diff.script() + "\nscript:\n"
                        + String.join(";\n", script) + ";\nskipped on the source: " + skipped);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs each statement on its own; returns those the server refused. */
    private static List<String> runWhatTheServerKnows(TestDatabase db, List<String> statements) {
        List<String> refused = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    refused.add(e.getMessage().lines().findFirst().orElse("") + " <- " + sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return refused;
    }
}
