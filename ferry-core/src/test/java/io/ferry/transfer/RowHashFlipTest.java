package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sql.ScriptReader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checksums lose nothing when rows are hashed without their text: for every column type of the migra
 * corpus (and the types whose equal values differ in text, which must fall back), a transfer verifies,
 * and one value changed on the target afterwards is found under the text hash and under the hash the
 * transfer chose. The pairs of values are the hard ones where there are: equal to the type's equality,
 * different in text.
 */
@ExtendWith(PostgresExtension.class)
class RowHashFlipTest {
    /** A column type and two values of it; {@code fits} says whether hash_record_extended may hash it. */
    private record Case(String name, String type, String first, String second, boolean fits) {
    }

    private static final String SETUP = """
            CREATE EXTENSION IF NOT EXISTS hstore;
            CREATE TYPE mood AS ENUM ('calm', 'angry');
            CREATE DOMAIN label AS text CHECK (VALUE <> '');
            CREATE TYPE pair AS (x integer, y text);
            CREATE TYPE loose AS (x integer, y json);
            CREATE COLLATION posix_copy FROM "POSIX";
            CREATE COLLATION numeric_icu (provider = icu, locale = 'en-u-kn-true');
            CREATE COLLATION caseless (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            """;

    private static final List<Case> CASES = List.of(
            new Case("int4", "integer", "1", "2", true),
            new Case("int8", "bigint", "1", "2", true),
            new Case("int2", "smallint", "1", "2", true),
            new Case("bool", "boolean", "true", "false", true),
            new Case("text", "text", "'a'", "'b'", true),
            new Case("varchar", "varchar(20)", "'a'", "'b'", true),
            new Case("char3", "char(3)", "'a'", "'b'", true),
            new Case("text_posix", "text COLLATE posix_copy", "'a'", "'B'", true),
            new Case("text_icu", "text COLLATE numeric_icu", "'a2'", "'a10'", true),
            new Case("uuid", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12'", true),
            new Case("date", "date", "'2020-01-01'", "'2020-01-02'", true),
            new Case("timestamp", "timestamp", "'2020-01-01 00:00'", "'2020-01-01 00:00:00.000001'", true),
            new Case("timestamptz", "timestamptz", "'2020-01-01 00:00+00'", "'2020-01-01 00:00+01'", true),
            new Case("bytea", "bytea", "'\\x00'", "'\\x0000'", true),
            new Case("inet", "inet", "'10.0.0.1/8'", "'10.0.0.1/32'", true),
            new Case("domain", "label", "'a'", "'b'", true),
            new Case("composite", "pair", "ROW(1, 'a')", "ROW(1, 'b')", true),
            new Case("range", "int4range", "'[1,3)'", "'[1,4)'", true),
            // Equal to their type, different in text: hash_record_extended hashes them alike.
            new Case("numeric", "numeric", "1.0", "1.00", false),
            new Case("float8", "double precision", "0", "'-0'", false),
            new Case("interval", "interval", "'1 day'", "'24 hours'", false),
            new Case("jsonb", "jsonb", "'1.0'", "'1.00'", false),
            new Case("array", "integer[]", "'{1,2}'", "'[0:1]={1,2}'", false),
            new Case("bpchar", "bpchar", "'a'", "'a '", false),
            new Case("caseless", "text COLLATE caseless", "'a'", "'A'", false),
            new Case("numrange", "numrange", "'[1.0,2)'", "'[1.00,2)'", false),
            // Hashed by OID, which differs between the databases.
            new Case("enum", "mood", "'calm'", "'angry'", false),
            new Case("regclass", "regclass", "'pg_class'", "'pg_type'", false),
            // No hash function at all.
            new Case("circle", "circle", "'<(0,0),1>'", "'<(0,0),2>'", false),
            new Case("json", "json", "'{}'", "'[]'", false),
            new Case("point", "point", "'(1,2)'", "'(1,3)'", false),
            new Case("composite_json", "loose", "ROW(1, '{}')", "ROW(1, '[]')", false),
            // A type of an extension: its hash function comes with the extension's version.
            new Case("hstore", "hstore", "'a=>1'", "'a=>2'", false));

    @Test
    void aChangedValueIsFoundForEveryColumnTypeOfTheCorpus(TestDatabase source, TestDatabase target) throws Exception {
        source.execute(SETUP);
        for (Case c : CASES) {
            source.execute("CREATE TABLE \"flip_" + c.name() + "\" (id integer PRIMARY KEY, v " + c.type() + ");"
                    + "INSERT INTO \"flip_" + c.name() + "\" VALUES (1, " + c.first() + "), (2, " + c.second() + "), (3, NULL)");
        }
        Set<String> missing = new TreeSet<>(corpusTypes());
        missing.removeAll(types(source));
        assertEquals(Set.of(), missing, "column types of the corpus without a case here");

        List<String> notes = new ArrayList<>();
        Transfer.Report report = new Transfer(source.spec(), target.spec(), new TransferOptions(2, Verify.CHECKSUMS,
                false, false, false, false, List.of(), 1 << 20, true), new Transfer.Listener() {
                    @Override
                    public void phase(String description) {
                    }

                    @Override
                    public void note(String line) {
                        notes.add(line);
                    }

                    @Override
                    public void chunkCopied(Chunk chunk, long rows, long bytes) {
                    }
                }).run();
        assertTrue(report.ok(), report.toString());

        List<String> problems = new ArrayList<>();
        Map<String, RowHash> chosen = Flips.chosen(source, target, CASES.stream().map(RowHashFlipTest::table).toList());
        try (Connection s = source.open()) {
            SessionSettings.apply(s);
            for (Case c : CASES) {
                String table = table(c);
                problems.addAll(Flips.flip(source, target, table, "v", chosen.get(table)));
                RowHash expected = c.fits() ? RowHash.RECORD : RowHash.HASHTEXT;
                if (chosen.get(table) != expected) {
                    problems.add(c.name() + ": hashed by " + chosen.get(table) + ", expected " + expected);
                }
                if (!Checksum.of(s, "SELECT id, v FROM ONLY " + table, expected).equals(report.tables().get(table))) {
                    problems.add(c.name() + ": the transfer did not hash by " + expected);
                }
            }
        }
        assertEquals(List.of(), problems);
        long fit = CASES.stream().filter(Case::fits).count();
        assertTrue(notes.contains("row checksums: hash_record_extended for " + fit + " of " + CASES.size()
                + " tables, hashtextextended of each row's text for the others"), notes.toString());
        assertTrue(notes.contains("  \"public\".\"flip_json\": row text (column \"v\" json: no hash function)"),
                notes.toString());
    }

    private static String table(Case c) {
        return "\"public\".\"flip_" + c.name() + "\"";
    }

    @Test
    void theRecordHashMissesWhatTheFallbackIsFor(TestDatabase db) throws Exception {
        // Why the cases above that do not fit fall back: hash_record_extended takes these for equal.
        for (String pair : List.of("1.0::numeric, 1.00::numeric", "0::float8, '-0'::float8",
                "'1 day'::interval, '24 hours'::interval", "'{1,2}'::int[], '[0:1]={1,2}'::int[]")) {
            String[] values = pair.split(", ");
            assertEquals("t", db.queryString("SELECT hash_record_extended(ROW(" + values[0] + "), 0) = "
                    + "hash_record_extended(ROW(" + values[1] + "), 0)"), pair);
            assertEquals("f", db.queryString("SELECT hashtextextended(ROW(" + values[0] + ")::text, 0) = "
                    + "hashtextextended(ROW(" + values[1] + ")::text, 0)"), pair);
        }
    }

    /**
     * The column types of the migra corpus's tables, each schema run in a transaction that is rolled
     * back, named as {@link #types} names them.
     */
    private static Set<String> corpusTypes() throws IOException, SQLException {
        TestDatabase scratch = PostgresExtension.newDatabase("corpus_types");
        scratch.execute("DO $$ BEGIN CREATE ROLE schemainspect_test_role NOLOGIN; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        Set<String> types = new TreeSet<>();
        Path corpus = Path.of(System.getProperty("ferry.shared.dir"), "corpora", "migra");
        List<Path> files;
        try (Stream<Path> cases = Files.list(corpus)) {
            files = cases.filter(Files::isDirectory).sorted()
                    .flatMap(d -> Stream.of(d.resolve("a.sql"), d.resolve("b.sql"))).toList();
        }
        assertEquals(52, files.size(), "the corpus's files");
        try (Connection c = scratch.open(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (Path file : files) {
                for (var statement : ScriptReader.statements(Files.readString(file))) {
                    st.execute(statement.sql());
                }
                types.addAll(types(c));
                c.rollback();
            }
        }
        return types;
    }

    private static Set<String> types(TestDatabase db) throws SQLException {
        try (Connection c = db.open()) {
            return types(c);
        }
    }

    /**
     * Each column's type as a name that does not depend on what the schema calls its own types: a
     * built-in type by its name, an enum, domain, composite or extension type by its kind; with the
     * kind of collation when the column's is not its type's.
     */
    private static Set<String> types(Connection c) throws SQLException {
        Set<String> types = new TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT DISTINCT CASE WHEN t.typtype = 'e' THEN 'an enum' WHEN t.typtype = 'd' THEN 'a domain'
                                     WHEN t.typtype = 'c' THEN 'a composite type'
                                     WHEN t.typnamespace <> 'pg_catalog'::regnamespace THEN 'a type of an extension'
                                     ELSE format_type(a.atttypid, NULL) END
                       || CASE WHEN a.attcollation <> t.typcollation
                               THEN ' collation ' || l.collprovider::text || CASE WHEN l.collisdeterministic THEN ''
                                                                                 ELSE ' nondeterministic' END
                               ELSE '' END
                FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid JOIN pg_namespace n ON n.oid = r.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_collation l ON l.oid = a.attcollation
                WHERE r.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                  AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'ferry')""")) {
            while (rs.next()) {
                types.add(rs.getString(1));
            }
        }
        return types;
    }
}
