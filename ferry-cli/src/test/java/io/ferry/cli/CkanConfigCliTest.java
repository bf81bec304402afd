package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.cli.FerryProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry ckan config} as a real process: what Ferry read and from where, and bad configs. */
class CkanConfigCliTest {
    private static final String DB_PASSWORD = "ckan-db-secret-771";
    private static final String DATASTORE_PASSWORD = "datastore-secret-772";
    private static final String SOLR_PASSWORD = "solr-secret-773";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** Runs ferry with extra environment variables, and none of the CKAN ones this JVM may have. */
    private Result ferry(Map<String, String> env, String... args) {
        Map<String, String> variables = FerryProcess.environment(dir, System.getenv());
        variables.keySet().removeIf(k -> k.startsWith("CKAN"));
        variables.putAll(env);
        return FerryProcess.run(variables, args);
    }

    private Path site() throws Exception {
        write("conf/base/common.ini", """
                [app:main]
                use = egg:ckan
                solr_url = http://solr:8983/solr/ckan
                solr_user = ckan
                solr_password = %(CKAN_SOLR_SECRET)s
                ckan.plugins = stats harvest ckan_harvester
                ckan.datastore.write_url = postgresql://ds_write:%(CKAN_DS_SECRET)s@db/datastore
                ckan.datastore.read_url = postgresql://ds_read@db/datastore
                """);
        return write("ckan.ini", """
                [app:main]
                use = config:conf/base/common.ini
                sqlalchemy.url = postgresql://ckan:%(CKAN_DB_SECRET)s@db/ckan
                ckan.site_id = dgu
                """);
    }

    private Map<String, String> secrets() {
        return Map.of("CKAN_DB_SECRET", DB_PASSWORD, "CKAN_DS_SECRET", DATASTORE_PASSWORD,
                "CKAN_SOLR_SECRET", SOLR_PASSWORD);
    }

    @Test
    void showsEveryKeyWithItsSourceAndNoPassword() throws Exception {
        Path ini = site();
        Path base = dir.resolve("conf/base/common.ini");
        Result r = ferry(secrets(), "ckan", "config", "-c", ini.toString());
        assertEquals(0, r.exitCode(), r.all());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(1).strip().equals(base.toString()), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("sqlalchemy\\.url +postgresql://ckan:\\*\\*\\*@db/ckan +"
                + ini.toString().replace(".", "\\.") + " line 3 \\(with CKAN_DB_SECRET from the environment\\)")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("solr_password") && l.contains(" *** ")
                && l.contains(base + " line 5")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ckan.datastore.write_url")
                && l.contains("postgresql://ds_write:***@db/datastore")), r.out());
        assertTrue(lines.contains("Plugins: stats, harvest, ckan_harvester"), r.out());
        for (String secret : List.of(DB_PASSWORD, DATASTORE_PASSWORD, SOLR_PASSWORD)) {
            assertFalse(r.all().contains(secret), secret);
        }

        Map<String, String> env = new java.util.HashMap<>(secrets());
        env.put("CKAN_SOLR_URL", "http://other-solr:8983/solr/ckan");
        env.put("CKAN_SITE_ID", "from-env");
        Result json = ferry(env, "ckan", "config", "-c", ini.toString(), "--json");
        assertEquals(0, json.exitCode(), json.all());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(2, root.path("files").size());
        assertEquals("CKAN_SOLR_URL", root.path("settings").path("solr_url").path("environment").asText());
        assertEquals("http://other-solr:8983/solr/ckan", root.path("settings").path("solr_url").path("value").asText());
        assertEquals("from-env", root.path("site_id").asText());
        assertEquals(base.toString(), root.path("settings").path("ckan.plugins").path("file").asText());
        assertEquals(6, root.path("settings").path("ckan.plugins").path("line").asInt());
        assertEquals("***", root.path("settings").path("solr_password").path("value").asText());
        assertEquals("harvest", root.path("plugins").path(1).asText());
        for (String secret : List.of(DB_PASSWORD, DATASTORE_PASSWORD, SOLR_PASSWORD)) {
            assertFalse(json.all().contains(secret), secret);
        }
    }

    /** Each bad config: one line naming the file, line and key; exit 2; for any command reading it. */
    @Test
    void badConfigsAreOneLineAndExitTwo() throws Exception {
        Path missing = write("missing.ini", "[app:main]\nuse = config:sub/gone.ini\n");
        Path cycleA = write("a.ini", "[app:main]\nuse = config:sub/b.ini\n");
        write("sub/b.ini", "[app:main]\nuse = config:../a.ini\n");
        Path undefined = write("undefined.ini", "[app:main]\nsqlalchemy.url = %(MY_DB_URL)s\n");
        Path badUrl = write("bad-url.ini", "[app:main]\nsqlalchemy.url = postgresql://a@db/ckan\n"
                + "ckan.datastore.write_url = postgresql://w:" + DATASTORE_PASSWORD + "@db:notaport/ds\n");
        Map<Path, String> cases = Map.of(
                missing, "ferry: CKAN config " + missing + " line 2: use: the base config "
                        + dir.resolve("sub/gone.ini") + " does not exist",
                cycleA, "ferry: CKAN config " + dir.resolve("sub/b.ini") + " line 2: use: the chain of config files "
                        + "is a cycle: " + cycleA + " -> " + dir.resolve("sub/b.ini") + " -> " + cycleA,
                undefined, "ferry: CKAN config " + undefined + " line 2: sqlalchemy.url: %(MY_DB_URL)s is defined "
                        + "nowhere: not in the config files, and CKAN takes only variables starting with CKAN_ "
                        + "from the environment",
                badUrl, "ferry: CKAN config " + badUrl + " line 3: ckan.datastore.write_url: not a PostgreSQL "
                        + "connection URL");
        for (Map.Entry<Path, String> c : cases.entrySet()) {
            for (String[] args : List.of(new String[] {"ckan", "config", "-c", c.getKey().toString()},
                    new String[] {"status", "-c", c.getKey().toString(), "--migrations", "builtin:ckan"})) {
                Result r = ferry(Map.of("MY_DB_URL", "postgresql://a@db/ckan"), args);
                assertEquals(2, r.exitCode(), r.all());
                assertEquals("", r.out(), r.all());
                assertEquals(1, r.err().strip().lines().count(), r.err());
                assertTrue(r.err().strip().startsWith(c.getValue()), r.err());
                assertFalse(r.err().contains(DATASTORE_PASSWORD), r.err());
            }
        }
    }
}
