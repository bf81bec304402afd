package io.ferry.pgdump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pg_dump 15 archive whose schema, types, tables, sequences, views and functions belong to two
 * roles and carry grants and default privileges: loaded with {@code --keep-owners --keep-grants} the
 * target has the source's owners and access lists; loaded without, the target's user owns everything
 * and nothing is granted (as {@code pg_restore -O -x}).
 */
class PgDumpRolesTest {
    static final String OWNER_A = "pgdump_roles_a";
    static final String OWNER_B = "pgdump_roles_b";
    static final String READER = "pgdump_roles_reader";

    @TempDir
    static Path dir;
    static TestDatabase source;
    static Path archive;

    /** A schema of the two owners' objects with grants; {@code %1$s}, {@code %2$s}: the owners, {@code %3$s}: the reader. */
    static final String SCHEMA = """
            CREATE SCHEMA shop AUTHORIZATION %1$s;
            CREATE TYPE shop.mood AS ENUM ('ok', 'sad');
            ALTER TYPE shop.mood OWNER TO %2$s;
            CREATE DOMAIN shop.pos AS int CHECK (VALUE > 0);
            ALTER DOMAIN shop.pos OWNER TO %2$s;
            CREATE TABLE shop.item (id serial PRIMARY KEY, m shop.mood, n shop.pos);
            ALTER TABLE shop.item OWNER TO %1$s;
            CREATE SEQUENCE shop.ticket;
            ALTER SEQUENCE shop.ticket OWNER TO %2$s;
            CREATE VIEW shop.moods AS SELECT id, m FROM shop.item;
            ALTER VIEW shop.moods OWNER TO %2$s;
            CREATE FUNCTION shop.twice(a int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 2 * a';
            ALTER FUNCTION shop.twice(int) OWNER TO %2$s;
            CREATE TABLE public.plain (id int);
            ALTER TABLE public.plain OWNER TO %2$s;
            INSERT INTO shop.item (m, n) SELECT 'ok', g FROM generate_series(1, 20) g;
            INSERT INTO public.plain SELECT generate_series(1, 5);
            GRANT USAGE ON SCHEMA shop TO %3$s;
            GRANT SELECT ON shop.item TO %3$s;
            GRANT SELECT, UPDATE ON shop.moods TO %3$s WITH GRANT OPTION;
            REVOKE ALL ON FUNCTION shop.twice(int) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION shop.twice(int) TO %3$s;
            GRANT USAGE ON SEQUENCE shop.ticket TO %3$s;
            REVOKE USAGE ON TYPE shop.pos FROM PUBLIC;
            GRANT USAGE ON TYPE shop.mood TO %3$s;
            REVOKE INSERT ON public.plain FROM %2$s;
            ALTER DEFAULT PRIVILEGES FOR ROLE %1$s IN SCHEMA shop GRANT SELECT ON TABLES TO %3$s;
            ALTER DEFAULT PRIVILEGES FOR ROLE %2$s REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
            ALTER DEFAULT PRIVILEGES FOR ROLE %2$s GRANT USAGE ON SEQUENCES TO %3$s;
            """;

    /**
     * Every owner and access list of the user's objects, by name (an access list as the server
     * would apply it, the default written out, its items sorted).
     */
    static final String OWNERS_AND_GRANTS = """
            WITH ns AS (SELECT oid, nspname FROM pg_namespace
                        WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'ferry') AND nspname NOT LIKE 'pg\\_%')
            SELECT string_agg(line, E'\\n' ORDER BY line) FROM (
                SELECT 'class ' || ns.nspname || '.' || c.relname || ' ' || c.relowner::regrole || ' '
                       || (SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(coalesce(c.relacl,
                           acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) a) AS line
                FROM pg_class c JOIN ns ON ns.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'S', 'm')
                UNION ALL
                SELECT 'proc ' || ns.nspname || '.' || p.proname || ' ' || p.proowner::regrole || ' '
                       || (SELECT string_agg(a::text, ',' ORDER BY a::text)
                           FROM unnest(coalesce(p.proacl, acldefault('f', p.proowner))) a)
                FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
                UNION ALL
                SELECT 'schema ' || ns.nspname || ' ' || n.nspowner::regrole || ' '
                       || (SELECT string_agg(a::text, ',' ORDER BY a::text)
                           FROM unnest(coalesce(n.nspacl, acldefault('n', n.nspowner))) a)
                FROM ns JOIN pg_namespace n ON n.oid = ns.oid WHERE ns.nspname <> 'public'
                UNION ALL
                SELECT 'type ' || ns.nspname || '.' || t.typname || ' ' || t.typowner::regrole || ' '
                       || (SELECT string_agg(a::text, ',' ORDER BY a::text)
                           FROM unnest(coalesce(t.typacl, acldefault('T', t.typowner))) a)
                FROM pg_type t JOIN ns ON ns.oid = t.typnamespace WHERE t.typtype IN ('e', 'd')
                UNION ALL
                SELECT 'default ' || d.defaclrole::regrole || ' ' || coalesce(n.nspname, '-') || ' ' || d.defaclobjtype::text
                       || ' ' || (SELECT string_agg(a::text, ',' ORDER BY a::text) FROM unnest(d.defaclacl) a)
                FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
            ) lines""";

    @BeforeAll
    static void createSource() throws Exception {
        PgDumpFixture.requirePgDump();
        source = PostgresExtension.newDatabase("pgdump_roles_source");
        createRoles(source, OWNER_A, OWNER_B, READER);
        source.execute(SCHEMA.formatted(OWNER_A, OWNER_B, READER));
        archive = PgDumpFixture.dump(source, dir.resolve("roles.dump"), "-Fc");
    }

    /** Roles are the cluster's: made once, whichever test class comes first. */
    static void createRoles(TestDatabase db, String... roles) {
        for (String role : roles) {
            db.execute("DO $$ BEGIN CREATE ROLE " + role + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }
    }

    private static Transfer.Report load(TestDatabase target, boolean keepOwners, boolean keepGrants) {
        TransferOptions options = new TransferOptions(2, Verify.COUNTS, false, false, keepOwners, keepGrants,
                List.of(), TransferOptions.DEFAULT_CHUNK_BYTES, false);
        return PgDumpLoad.load(target.spec(), PgDumpArchive.open(archive), options,
                new PgDumpLoadTest.Recorder(false), PostgresExtension.server());
    }

    @Test
    void keepsEveryOwnerAndGrantOfTheArchive() {
        TestDatabase target = PostgresExtension.newDatabase("pgdump_roles_kept");
        Transfer.Report report = load(target, true, true);
        assertTrue(report.ok(), report.toString());
        String expected = source.queryString(OWNERS_AND_GRANTS);
        assertTrue(expected.contains("class shop.moods " + OWNER_B), expected);
        assertTrue(expected.contains("default " + OWNER_A + " shop r"), expected);
        assertEquals(expected, target.queryString(OWNERS_AND_GRANTS));
        assertEquals(20, target.queryLong("SELECT count(*) FROM shop.item"));
    }

    @Test
    void withoutTheOptionsTheTargetsUserOwnsEverythingAndNothingIsGranted() {
        TestDatabase target = PostgresExtension.newDatabase("pgdump_roles_dropped");
        Transfer.Report report = load(target, false, false);
        assertTrue(report.ok(), report.toString());
        String user = target.spec().user();
        String found = target.queryString(OWNERS_AND_GRANTS);
        for (String line : found.split("\n")) {
            String[] parts = line.split(" ");
            assertEquals(user, parts[2], line);
            // The default access list of the target's user: only the owner (and PUBLIC, for routines and types).
            assertTrue(parts[3].matches("(=[UX]/" + user + ",)?" + user + "=[a-zA-Z]+/" + user), line);
        }
        assertTrue(found.contains("class shop.item "), found);
        assertEquals(0, target.queryLong("SELECT count(*) FROM pg_default_acl"));
    }

    /** The target's default privileges are compared with the archive's: one it has beyond them is a difference. */
    @Test
    void aDefaultPrivilegeTheArchiveDoesNotHaveIsADifference() {
        TestDatabase target = PostgresExtension.newDatabase("pgdump_roles_extra_default");
        target.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + OWNER_B + " GRANT SELECT ON TABLES TO " + READER);
        Transfer.Report report = load(target, true, true);
        assertEquals(List.of("not in the archive: default privilege of \"" + OWNER_B + "\": GRANT SELECT ON TABLES TO \""
                + READER + "\""), report.schemaDifferences());
    }

    @Test
    void keepsOwnersAloneOrGrantsAlone() {
        TestDatabase owners = PostgresExtension.newDatabase("pgdump_roles_owners");
        Transfer.Report report = load(owners, true, false);
        assertTrue(report.ok(), report.toString());
        assertEquals(OWNER_B, owners.queryString("SELECT relowner::regrole::text FROM pg_class WHERE relname = 'moods'"));
        assertEquals(null, owners.queryString("SELECT relacl::text FROM pg_class WHERE relname = 'moods'"));
        assertEquals(0, owners.queryLong("SELECT count(*) FROM pg_default_acl"));

        TestDatabase grants = PostgresExtension.newDatabase("pgdump_roles_grants");
        report = load(grants, false, true);
        assertTrue(report.ok(), report.toString());
        assertEquals(grants.spec().user(), grants.queryString(
                "SELECT relowner::regrole::text FROM pg_class WHERE relname = 'moods'"));
        assertTrue(grants.queryString("SELECT relacl::text FROM pg_class WHERE relname = 'moods'")
                .contains(READER + "=r*w*/"), "the reader's grant is kept");
        assertEquals(3, grants.queryLong("SELECT count(*) FROM pg_default_acl"));
    }
}
