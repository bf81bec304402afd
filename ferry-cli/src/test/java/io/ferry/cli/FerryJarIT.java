package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded ferry.jar as users run it, not the test class path: a dependency that Maven's mediation
 * makes test-only (the test class path still has it) is missing only here.
 */
@ExtendWith(PostgresExtension.class)
class FerryJarIT {
    @TempDir
    Path dir;

    private String[] run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("ferry.jar")));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("FERRY_HOME", dir.resolve("home").toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), output);
        return new String[] {String.valueOf(p.exitValue()), output};
    }

    @Test
    void theJarNamesItsVersionAndItsEmbeddedSolrIndexes(TestDatabase db) throws Exception {
        String[] version = run("-V");
        assertEquals("0", version[0], version[1]);
        assertTrue(version[1].startsWith("ferry "), version[1]);
        try (Connection c = db.open(); var schema = new InputStreamReader(FerryJarIT.class.getClassLoader()
                .getResourceAsStream("ferry/schemas/ckan-2.8.sql"), StandardCharsets.UTF_8)) {
            new io.ferry.sql.ScriptRunner(c, "ckan-2.8.sql").run(schema);
        }
        db.execute("INSERT INTO package (id, name, state, type, private, metadata_created, metadata_modified) "
                + "VALUES ('p1', 'one', 'active', 'dataset', false, now(), now())");
        String[] reindex = run("reindex", "--db", db.url(), "--solr-home", dir.resolve("solr").toString());
        assertEquals("0", reindex[0], reindex[1]);
        assertTrue(Files.isDirectory(dir.resolve("solr")), reindex[1]);
        String[] verify = run("reindex", "--db", db.url(), "--solr-home", dir.resolve("solr").toString(), "--verify");
        assertEquals("0", verify[0], verify[1]);
    }
}
