package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** --include / --exclude on transfer and dump. */
@ExtendWith(PostgresExtension.class)
class TableSelectionCliTest {
    private static final String SOURCE = """
            CREATE SCHEMA audit;
            CREATE TABLE package (id serial PRIMARY KEY, name text);
            CREATE TABLE resource (id serial PRIMARY KEY, package_id integer REFERENCES package (id), url text);
            CREATE TABLE audit.log (at timestamptz, message text);
            CREATE TABLE audit.log_archive (at timestamptz, message text);
            CREATE VIEW audit.recent AS SELECT * FROM audit.log;
            INSERT INTO package (name) SELECT 'p' || g FROM generate_series(1, 100) g;
            INSERT INTO resource (package_id, url) SELECT g, 'http://x/' || g FROM generate_series(1, 100) g;
            INSERT INTO audit.log SELECT now(), 'm' || g FROM generate_series(1, 50) g;
            INSERT INTO audit.log_archive SELECT now(), 'm' || g FROM generate_series(1, 50) g;
            """;

    @TempDir
    Path dir;

    @Test
    void excludedTablesStayBehindAndWhatNeedsThemIsNamed(TestDatabase source, TestDatabase target,
                                                         TestDatabase dumped) throws Exception {
        source.execute(SOURCE);
        FerryProcess.Result refused = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--exclude", "package,audit.log");
        assertEquals(2, refused.exitCode(), refused.all());
        assertTrue(refused.err().contains("foreign key resource_package_id_fkey of \"public\".\"resource\" references "
                + "\"public\".\"package\""), refused.err());
        assertTrue(refused.err().contains("\"audit\".\"recent\""), refused.err());
        assertNull(target.queryString("SELECT to_regclass('package')"), "nothing created");

        FerryProcess.Result r = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--exclude", "audit.*_archive", "--include", "public.*,audit.*");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("data and schema verified"), r.out());
        assertEquals(100, target.queryLong("SELECT count(*) FROM resource"));
        assertEquals(50, target.queryLong("SELECT count(*) FROM audit.recent"));
        assertNull(target.queryString("SELECT to_regclass('audit.log_archive')"));
        assertTrue(r.err().contains("left out (--include/--exclude): \"audit\".\"log_archive\""), r.err());

        Path archive = dir.resolve("only-audit.ferry");
        FerryProcess.Result dump = FerryProcess.run(dir, "dump", "--db", source.url(), "-o", archive.toString(),
                "--include", "log*");
        assertEquals(0, dump.exitCode(), dump.all());
        FerryProcess.Result load = FerryProcess.run(dir, "load", "--db", dumped.url(), archive.toString());
        assertEquals(0, load.exitCode(), load.all());
        assertEquals(50, dumped.queryLong("SELECT count(*) FROM audit.log_archive"));
        assertNull(dumped.queryString("SELECT to_regclass('package')"));
    }
}
