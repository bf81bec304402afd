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
            FerryProcess.Result r = FerryProcess.run(dir, command);
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
}
