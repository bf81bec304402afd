package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every command, run with a password in its connection URL: the password is never printed or stored. */
@ExtendWith(PostgresExtension.class)
class SecretsTest {
    private static final String PASSWORD = "Sup3r-S3cret@:/?#pw";

    @TempDir
    Path dir;

    @Test
    void noCommandPrintsOrStoresThePassword(TestDatabase db) throws Exception {
        Path m = dir.resolve("migrations");
        Files.createDirectories(m.resolve("core"));
        Files.writeString(m.resolve("core/001_ok.sql"), "CREATE TABLE t (id int);");
        Files.writeString(m.resolve("core/002_fails.sql"), "SELECT * FROM no_such_table;");
        String encoded = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        String url = "postgres://postgres:" + encoded + "@localhost:" + db.spec().port() + "/" + db.name();
        String raw = "postgres://postgres:" + PASSWORD + "@localhost:" + db.spec().port() + "/" + db.name();
        String unreachable = "postgres://postgres:" + encoded + "@127.0.0.1:1/" + db.name();
        String ms = m.toString();
        List<String[]> commands = List.of(
                new String[] {"migrate", "--db", url, "--migrations", ms},
                new String[] {"migrate", "--db", raw, "--migrations", ms, "--verbose"},
                new String[] {"migrate", "--dry-run", "--db", url, "--migrations", ms},
                new String[] {"status", "--db", url, "--migrations", ms},
                new String[] {"status", "--json", "--db", url, "--migrations", ms},
                new String[] {"validate", "--db", url, "--migrations", ms},
                new String[] {"repair", "--db", url, "--migrations", ms},
                new String[] {"baseline", "--db", url, "--migrations", ms, "--module", "core"},
                new String[] {"migrate", "--db", unreachable, "--migrations", ms, "--verbose"},
                new String[] {"status", "--db", url, "--migrations", dir.resolve("absent").toString()},
                new String[] {"migrate", "--db", url + "&bad", "--migrations", ms, "--no-such-flag"});
        List<String> outputs = new ArrayList<>();
        for (String[] command : commands) {
            FerryProcess.Result r = FerryProcess.runJvm(dir, command);
            outputs.add(String.join(" ", command).replace(PASSWORD, "<pw>").replace(encoded, "<pw>")
                    + " -> exit " + r.exitCode() + "\n" + r.all());
        }
        String everything = String.join("\n", outputs);
        assertTrue(everything.contains("no_such_table"), "the commands really ran:\n" + everything);
        assertFalse(everything.contains(PASSWORD), everything);
        assertFalse(everything.contains(encoded), everything);
        assertFalse(everything.contains("S3cret"), everything);
        String history = db.queryString("SELECT string_agg(t::text, E'\\n') FROM ferry_schema_history t");
        assertFalse(history.contains("S3cret"), history);
    }

    /**
     * A site's config holding every kind of password Ferry reads from it: the database's, solr_password,
     * one in solr_url, and a DataStore URL's. No command that reads the config prints any of them.
     */
    @Test
    void noCommandPrintsThePasswordsOfACkanConfig(TestDatabase db) throws Exception {
        String encoded = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        ReindexCliTest.ckan28(db); // so that reindex gets as far as Solr
        // In a CKAN config a percent sign is written %%, as configparser requires.
        String inIni = encoded.replace("%", "%%");
        Path base = dir.resolve("conf").resolve("base.ini");
        Files.createDirectories(base.getParent());
        Files.writeString(base, "[app:main]\nuse = egg:ckan\nsolr_user = ckan\nsolr_password = Solr-" + PASSWORD + "\n"
                + "ckan.datastore.write_url = postgresql://ds_write:DataStore-" + inIni + "@127.0.0.1:1/datastore\n"
                + "ckan.datastore.read_url = postgresql://ds_read:Read-" + inIni + "@127.0.0.1:1/datastore\n");
        Path ini = dir.resolve("ckan.ini");
        Files.writeString(ini, "[app:main]\nuse = config:conf/base.ini\nsqlalchemy.url = postgresql://postgres:" + inIni
                + "@localhost:" + db.spec().port() + "/" + db.name() + "\nsolr_url = http://ckan:SolrUrl-" + inIni
                + "@127.0.0.1:1/solr/ckan\n");
        Path badUrl = dir.resolve("bad.ini");
        Files.writeString(badUrl, "[app:main]\nuse = config:conf/base.ini\nsqlalchemy.url = postgresql://postgres:"
                + inIni + "@localhost:notaport/x\n");
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "plan: secrets\nconnections:\n  target: ckan_ini:" + ini + "\nsteps:\n"
                + "  - {name: reindex, kind: reindex}\n");
        List<String[]> commands = List.of(
                new String[] {"ckan", "config", "-c", ini.toString()},
                new String[] {"ckan", "config", "-c", ini.toString(), "--json"},
                new String[] {"status", "-c", ini.toString(), "--migrations", "builtin:ckan"},
                new String[] {"reindex", "-c", ini.toString(), "--verify", "--verbose"},
                new String[] {"run", plan.toString(), "--dry-run"},
                new String[] {"run", plan.toString(), "--verbose"},
                new String[] {"ckan", "config", "-c", badUrl.toString(), "--verbose"});
        List<String> outputs = new ArrayList<>();
        for (String[] command : commands) {
            FerryProcess.Result r = FerryProcess.runJvm(dir, command);
            outputs.add(String.join(" ", command) + " -> exit " + r.exitCode() + "\n" + r.all());
        }
        String everything = String.join("\n", outputs);
        assertTrue(everything.contains("solr_password") && everything.contains("cannot reach Solr at http://ckan@127.0.0.1:1"),
                "the commands really ran:\n" + everything);
        assertFalse(everything.contains(PASSWORD), everything);
        assertFalse(everything.contains(encoded), everything);
        assertFalse(everything.contains("S3cret"), everything);
    }
}
