package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.connect.ConnectionSpec;
import io.ferry.pgdump.PgDumpFixture;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database shaped like CKAN's DataStore (one table per resource with {@code _id}, {@code _full_text},
 * its GIN index and the full-text trigger; an alias view; {@code _table_metadata}; a write role owning
 * everything and a read role granted as {@code ckan datastore set-permissions} grants) moved to a
 * server whose roles have other names, by transfer and by dump and load, then used as CKAN uses it.
 */
@ExtendWith(PostgresExtension.class)
class DataStoreMoveCliTest {
    private static final AtomicInteger ROLES = new AtomicInteger();
    private static final String PASSWORD = "read-secret-7";

    /** A DataStore built as CKAN builds it, with {@code %1$s} the write role and {@code %2$s} the read role. */
    private static final String DATASTORE = """
            GRANT CREATE, USAGE ON SCHEMA public TO %1$s;
            SET ROLE %1$s;
            CREATE FUNCTION populate_full_text_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
                IF NEW._full_text IS NULL THEN
                    NEW._full_text := (SELECT to_tsvector(string_agg(v, ' ')) FROM json_each_text(row_to_json(NEW)) AS e(k, v)
                                       WHERE k NOT LIKE '\\_%%');
                END IF;
                RETURN NEW;
            END $f$;
            CREATE TABLE "0b6a1f36-9c2e-4a59-8f8e-6a3c1e1d2a01" (_id serial PRIMARY KEY, _full_text tsvector,
                "Region" text, "Amount" numeric, "Date" timestamp);
            CREATE TABLE "5d3c9e7a-1f42-4b6e-9a3d-2c7e8f9b0a12" (_id serial PRIMARY KEY, _full_text tsvector,
                name text, count int);
            CREATE TABLE "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4" (_id serial PRIMARY KEY, _full_text tsvector, note text);
            CREATE INDEX "0b6a1f36-9c2e-4a59-8f8e-6a3c1e1d2a01__full_text_idx" ON "0b6a1f36-9c2e-4a59-8f8e-6a3c1e1d2a01" USING gin (_full_text);
            CREATE INDEX "5d3c9e7a-1f42-4b6e-9a3d-2c7e8f9b0a12__full_text_idx" ON "5d3c9e7a-1f42-4b6e-9a3d-2c7e8f9b0a12" USING gin (_full_text);
            CREATE INDEX "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4__full_text_idx" ON "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4" USING gin (_full_text);
            CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON "0b6a1f36-9c2e-4a59-8f8e-6a3c1e1d2a01" FOR EACH ROW EXECUTE PROCEDURE populate_full_text_trigger();
            CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON "5d3c9e7a-1f42-4b6e-9a3d-2c7e8f9b0a12" FOR EACH ROW EXECUTE PROCEDURE populate_full_text_trigger();
            CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4" FOR EACH ROW EXECUTE PROCEDURE populate_full_text_trigger();
            INSERT INTO "0b6a1f36-9c2e-4a59-8f8e-6a3c1e1d2a01" ("Region", "Amount", "Date")
                SELECT 'region ' || g, g * 1.5, '2020-01-01'::timestamp + g * interval '1 day' FROM generate_series(1, 500) g;
            INSERT INTO "5d3c9e7a-1f42-4b6e-9a3d-2c7e8f9b0a12" (name, count) SELECT 'name ' || g, g FROM generate_series(1, 40) g;
            CREATE VIEW "spending-by-region" AS SELECT * FROM "0b6a1f36-9c2e-4a59-8f8e-6a3c1e1d2a01";
            CREATE VIEW "_table_metadata" AS
                SELECT DISTINCT substr(md5(t.relname || coalesce(a.relname, '')), 0, 17) AS "_id", t.relname AS name,
                       t.oid AS oid, a.relname AS alias_of
                FROM pg_class t
                LEFT JOIN pg_rewrite r ON r.ev_class = t.oid
                LEFT JOIN pg_depend d ON d.objid = r.oid
                LEFT JOIN pg_class a ON a.oid = d.refobjid
                WHERE (a.oid IS NULL OR a.oid <> t.oid) AND t.relkind IN ('r', 'v')
                  AND t.relnamespace = 'public'::regnamespace;
            RESET ROLE;
            REVOKE CREATE, USAGE ON SCHEMA public FROM PUBLIC;
            GRANT USAGE ON SCHEMA public TO %2$s;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO %2$s;
            ALTER DEFAULT PRIVILEGES FOR ROLE %1$s IN SCHEMA public GRANT SELECT ON TABLES TO %2$s;
            """;

    @TempDir
    Path dir;

    /** The source's and the target's write and read roles, named apart for each test. */
    private record Roles(String sourceWrite, String sourceRead, String write, String read) {
        static Roles create(TestDatabase db) {
            int n = ROLES.incrementAndGet();
            Roles roles = new Roles("ds_write_" + n, "ds_read_" + n, "datastore_rw_" + n, "datastore_ro_" + n);
            db.execute("CREATE ROLE " + roles.sourceWrite + "; CREATE ROLE " + roles.sourceRead + "; CREATE ROLE "
                    + roles.write + " LOGIN PASSWORD '" + PASSWORD + "'; CREATE ROLE " + roles.read
                    + " LOGIN PASSWORD '" + PASSWORD + "'");
            return roles;
        }
    }

    @Test
    void transferGivesEverythingToTheNewWriteRoleAndTheReadRoleReadsAsCkanNeeds(TestDatabase source,
                                                                               TestDatabase target) throws Exception {
        Roles roles = Roles.create(source);
        source.execute(DATASTORE.formatted(roles.sourceWrite, roles.sourceRead));
        FerryProcess.Result moved = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--owner", roles.write, "--grant-read", roles.read, "--jobs", "2");
        assertEquals(0, moved.exitCode(), moved.all());
        assertTrue(moved.out().contains("data and schema verified"), moved.out());
        usableAsCkanUsesIt(target, roles);
    }

    @Test
    void dumpAndLoadGiveTheTargetsRolesTheirOwnershipAndGrants(TestDatabase source, TestDatabase fromFile,
                                                              TestDatabase fromPipe) throws Exception {
        Roles roles = Roles.create(source);
        source.execute(DATASTORE.formatted(roles.sourceWrite, roles.sourceRead));
        Path archive = dir.resolve("datastore.ferry");
        FerryProcess.Result dumped = FerryProcess.run(dir, "dump", "--db", source.url(), "-o", archive.toString());
        assertEquals(0, dumped.exitCode(), dumped.all());

        FerryProcess.Result loaded = FerryProcess.run(dir, "load", "--db", fromFile.url(), archive.toString(),
                "--owner", roles.write, "--grant-read", roles.read);
        assertEquals(0, loaded.exitCode(), loaded.all());
        assertTrue(loaded.out().contains("data and schema verified"), loaded.out());
        usableAsCkanUsesIt(fromFile, roles);

        // The serial load from a stream (one transaction) takes them as well.
        java.lang.ProcessBuilder load = FerryProcess.builder(dir, List.of("load", "--db", fromPipe.url(), "-",
                "--owner", roles.write, "--grant-read", roles.read));
        load.redirectInput(archive.toFile()).redirectOutput(dir.resolve("pipe.out").toFile())
                .redirectError(dir.resolve("pipe.err").toFile());
        Process process = load.start();
        assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), java.nio.file.Files.readString(dir.resolve("pipe.err")));
        usableAsCkanUsesIt(fromPipe, roles);
    }

    /** The DataStore handed over as {@code pg_dump -Fc}, as its operators back it up, loaded for the new roles. */
    @Test
    void aPgDumpArchiveLoadsForTheTargetsRoles(TestDatabase source, TestDatabase target) throws Exception {
        Roles roles = Roles.create(source);
        source.execute(DATASTORE.formatted(roles.sourceWrite, roles.sourceRead));
        Path archive = dir.resolve("datastore.dump");
        PgDumpFixture.dump(source, archive, "-Fc");
        FerryProcess.Result loaded = FerryProcess.run(dir, "load", "--db", target.url(), archive.toString(),
                "--owner", roles.write, "--grant-read", roles.read, "--jobs", "2");
        assertEquals(0, loaded.exitCode(), loaded.all());
        assertTrue(loaded.out().contains("data and schema verified"), loaded.out());
        usableAsCkanUsesIt(target, roles);
    }

    @Test
    void aMissingRoleOrAContradictionIsRefusedInOneLineBeforeAnythingIsWritten(TestDatabase source, TestDatabase target)
            throws Exception {
        Roles roles = Roles.create(source);
        source.execute(DATASTORE.formatted(roles.sourceWrite, roles.sourceRead));
        FerryProcess.Result noOwner = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--owner", "no_such_writer", "--grant-read", roles.read);
        assertEquals(2, noOwner.exitCode(), noOwner.all());
        assertEquals("ferry: --owner: role \"no_such_writer\" does not exist on " + target.url()
                + "; create it first (nothing was changed)", noOwner.err().strip());
        FerryProcess.Result noReader = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--owner", roles.write, "--grant-read", "no_such_reader");
        assertEquals(2, noReader.exitCode(), noReader.all());
        assertEquals(1, noReader.err().strip().lines().count(), noReader.err());
        assertTrue(noReader.err().contains("--grant-read: role \"no_such_reader\" does not exist"), noReader.err());
        FerryProcess.Result both = FerryProcess.run(dir, "transfer", "--from", source.url(), "--to", target.url(),
                "--owner", roles.write, "--keep-owners");
        assertEquals(2, both.exitCode(), both.all());
        assertEquals("ferry: --keep-owners and --owner contradict each other", both.err().strip());

        Path archive = dir.resolve("datastore.ferry");
        assertEquals(0, FerryProcess.run(dir, "dump", "--db", source.url(), "-o", archive.toString()).exitCode());
        FerryProcess.Result load = FerryProcess.run(dir, "load", "--db", target.url(), archive.toString(),
                "--grant-read", "no_such_reader");
        assertEquals(2, load.exitCode(), load.all());
        assertTrue(load.err().contains("--grant-read: role \"no_such_reader\" does not exist"), load.err());
        assertEquals(0, target.queryLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"));
        assertEquals(0, target.queryLong("SELECT count(*) FROM pg_namespace WHERE nspname = 'ferry'"));
    }

    /**
     * The target as CKAN uses it: everything owned by the write role; the read role reads every table,
     * alias and {@code _table_metadata} and can write nothing; the write role makes a new table that the
     * read role can read at once, and the trigger fills {@code _full_text}.
     */
    private static void usableAsCkanUsesIt(TestDatabase target, Roles roles) throws SQLException {
        assertEquals("0", target.queryString("""
                SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                  AND c.relkind IN ('r', 'v', 'S') AND c.relowner <> '%s'::regrole""".formatted(roles.write)));
        assertEquals(roles.write, target.queryString(
                "SELECT proowner::regrole::text FROM pg_proc WHERE proname = 'populate_full_text_trigger'"));
        assertEquals("3", target.queryString("SELECT count(*) FROM pg_trigger WHERE tgname = 'zfulltext'"));

        List<String> relations = new ArrayList<>();
        try (Connection read = as(target, roles.read); Statement st = read.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT name FROM \"_table_metadata\" ORDER BY name")) {
                while (rs.next()) {
                    relations.add(rs.getString(1));
                }
            }
            assertEquals(List.of("0b6a1f36-9c2e-4a59-8f8e-6a3c1e1d2a01", "5d3c9e7a-1f42-4b6e-9a3d-2c7e8f9b0a12",
                    "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4", "_table_metadata", "spending-by-region"), relations);
            for (String relation : relations) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + relation + "\"")) {
                    assertTrue(rs.next());
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"spending-by-region\" "
                    + "WHERE _full_text @@ to_tsquery('region')")) {
                rs.next();
                assertEquals(500, rs.getLong(1));
            }
            SQLException refused = assertThrows(SQLException.class, () -> st.execute(
                    "INSERT INTO \"9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4\" (note) VALUES ('no')"));
            assertEquals("42501", refused.getSQLState());
            assertEquals("42501", assertThrows(SQLException.class,
                    () -> st.execute("CREATE TABLE sneaky (a int)")).getSQLState());
        }

        try (Connection write = as(target, roles.write); Statement st = write.createStatement()) {
            st.execute("""
                    CREATE TABLE "c1d2e3f4-0000-4000-8000-000000000001" (_id serial PRIMARY KEY, _full_text tsvector,
                        city text);
                    CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON "c1d2e3f4-0000-4000-8000-000000000001"
                        FOR EACH ROW EXECUTE PROCEDURE populate_full_text_trigger();
                    INSERT INTO "c1d2e3f4-0000-4000-8000-000000000001" (city) VALUES ('Manchester Leeds');
                    INSERT INTO "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4" (note) VALUES ('moved tables keep their trigger');
                    """);
        }
        try (Connection read = as(target, roles.read); Statement st = read.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT _full_text::text FROM \"c1d2e3f4-0000-4000-8000-000000000001\"")) {
                assertTrue(rs.next());
                assertEquals("'leed':2 'manchest':1", rs.getString(1));
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT _full_text::text FROM \"9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4\" WHERE note LIKE 'moved%'")) {
                assertTrue(rs.next());
                assertNotNull(rs.getString(1));
                assertTrue(rs.getString(1).contains("'trigger'"), rs.getString(1));
            }
        }
    }

    /** A connection to the target as {@code role}, with its password. */
    private static Connection as(TestDatabase target, String role) throws SQLException {
        ConnectionSpec spec = target.spec();
        return DriverManager.getConnection("jdbc:postgresql://" + spec.host() + ":" + spec.port() + "/"
                + spec.database(), role, PASSWORD);
    }
}
