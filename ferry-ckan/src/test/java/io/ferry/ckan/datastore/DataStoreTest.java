package io.ferry.ckan.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.DataStoreGenerator;
import io.ferry.ckan.generate.DataStoreOptions;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.connect.ConnectionSpec;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A generated DataStore beside a generated catalog: shaped as CKAN makes it, its roles able to do what
 * CKAN needs (connected as each role), and {@code DataStoreCheck} clean on it and naming each problem
 * made on purpose.
 */
@ExtendWith(PostgresExtension.class)
class DataStoreTest {
    private static final AtomicInteger SITES = new AtomicInteger();
    private static final int TABLES = 12;
    private static final int LARGE_ROWS = 400;

    /** A catalog and its DataStore, with roles of their own (roles belong to the whole server). */
    private record Site(TestDatabase catalog, TestDatabase datastore, DataStoreRoles roles,
                        DataStoreGenerator.Result result) {
        DataStoreReport check() {
            return DataStoreCheck.run(catalog.spec(), datastore.spec(), roles);
        }

        /** The generated tables, by name. */
        List<String> tables() {
            return strings(datastore, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                    + "AND relkind = 'r' ORDER BY relname COLLATE \"C\"");
        }

        ConnectionSpec as(String role, String password) {
            ConnectionSpec admin = datastore.spec();
            datastore.execute("ALTER ROLE \"" + role + "\" PASSWORD '" + password + "'");
            return new ConnectionSpec(admin.host(), admin.port(), admin.database(), role, password,
                    admin.driverOptions());
        }
    }

    private static Site generate(String hint, long seed) {
        int n = SITES.incrementAndGet();
        TestDatabase catalog = PostgresExtension.newDatabase(hint + "_catalog");
        TestDatabase datastore = PostgresExtension.newDatabase(hint + "_datastore");
        DataStoreRoles roles = new DataStoreRoles("ds_writer_" + n, "ds_reader_" + n);
        GenerateOptions options = new GenerateOptions(150, seed, HarvestShape.DGU, 2);
        CatalogGenerator.generate(catalog.spec(), options, line -> {
        });
        DataStoreGenerator.Selection selection = DataStoreGenerator.select(options,
                new DataStoreOptions(TABLES, LARGE_ROWS, roles));
        DataStoreGenerator.Result result = DataStoreGenerator.generate(catalog.spec(), datastore.spec(), selection,
                line -> {
                });
        return new Site(catalog, datastore, roles, result);
    }

    @Test
    void generatesTheTablesCkanMakesAndTheCheckFindsThemClean() {
        Site site = generate("clean", 7);
        DataStoreReport report = site.check();
        assertEquals(0, report.problems(), () -> print(report));
        assertEquals(TABLES, report.tables());
        assertEquals(TABLES, report.marked());
        assertEquals(site.result().rows(), report.rows());
        assertEquals(site.result().aliases(), report.aliases());

        // The catalog: exactly the tables' resources marked, each an active CSV or XLS, its extras still JSON.
        List<String> tables = site.tables();
        assertEquals(tables, strings(site.catalog(), "SELECT id FROM resource WHERE (extras::jsonb ->> "
                + "'datastore_active') = 'true' AND state = 'active' AND format IN ('CSV', 'XLS') ORDER BY id COLLATE \"C\""));
        // Each table: _id the serial key, _full_text filled by the trigger for every row, a GIN index on it.
        for (String table : tables) {
            String q = "\"" + table + "\"";
            assertEquals(0, site.datastore().queryLong("SELECT count(*) FROM " + q + " WHERE _full_text IS NULL"), table);
            assertEquals("integer nextval tsvector", site.datastore().queryString("SELECT (SELECT format_type(atttypid, "
                    + "atttypmod) FROM pg_attribute WHERE attrelid = '" + q + "'::regclass AND attname = '_id') || ' ' "
                    + "|| (SELECT split_part(pg_get_expr(adbin, adrelid), '(', 1) FROM pg_attrdef WHERE adrelid = '" + q
                    + "'::regclass) || ' ' || (SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '"
                    + q + "'::regclass AND attname = '_full_text')"), table);
            assertEquals(1, site.datastore().queryLong("SELECT count(*) FROM pg_indexes WHERE tablename = '" + table
                    + "' AND indexdef LIKE '%USING gin (_full_text)'"), table);
            assertEquals(1, site.datastore().queryLong("SELECT count(*) FROM _table_metadata WHERE name = '" + table
                    + "' AND alias_of IS NULL"), table);
        }
        assertEquals(1, site.datastore().queryLong("SELECT count(*) FROM pg_class WHERE relnamespace = "
                + "'public'::regnamespace AND relkind = 'r' AND relnatts > 200"), "one wide table");
        assertEquals(LARGE_ROWS, site.datastore().queryLong("SELECT max(n_live_tup) FROM pg_stat_user_tables"),
                "one large table");
        assertTrue(site.datastore().queryLong("SELECT count(DISTINCT attrelid) FROM pg_description d JOIN pg_attribute a "
                + "ON a.attrelid = d.objoid AND a.attnum = d.objsubid WHERE d.description LIKE ' {\"_info\":%'") > 0,
                "data dictionary comments");

        // The same seed gives the same DataStore, table for table and row for row.
        Site again = generate("again", 7);
        assertEquals(tables, again.tables());
        for (String table : tables) {
            String digest = "SELECT md5(string_agg(t::text, '|' ORDER BY _id)) FROM \"" + table + "\" AS t";
            assertEquals(site.datastore().queryString(digest), again.datastore().queryString(digest), table);
        }
    }

    @Test
    void theReadRoleReadsEverythingAndWritesNothingAndTheWriteRolesTablesAreReadable() throws SQLException {
        Site site = generate("roles", 11);
        ConnectionSpec read = site.as(site.roles().read(), "read-secret");
        ConnectionSpec write = site.as(site.roles().write(), "write-secret");
        List<String> relations = strings(site.datastore(), "SELECT relname FROM pg_class WHERE relnamespace = "
                + "'public'::regnamespace AND relkind IN ('r', 'v')");
        assertTrue(relations.contains("_table_metadata"));
        String table = site.tables().get(0);
        try (Connection c = read.open(); Statement st = c.createStatement()) {
            for (String relation : relations) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + relation + "\"")) {
                    assertTrue(rs.next(), relation);
                }
            }
            assertEquals("42501", assertThrows(SQLException.class, () -> st.execute("DELETE FROM \"" + table + "\""))
                    .getSQLState());
            assertEquals("42501", assertThrows(SQLException.class, () -> st.execute("CREATE TABLE mine (x int)"))
                    .getSQLState());
        }
        try (Connection c = write.open(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE \"new-resource\" (_id serial PRIMARY KEY, _full_text tsvector, \"Name\" text)");
            st.execute("CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON \"new-resource\" FOR EACH ROW "
                    + "EXECUTE PROCEDURE populate_full_text_trigger()");
            st.execute("INSERT INTO \"new-resource\" (\"Name\") VALUES ('written by the write role')");
            String column = site.datastore().queryString("SELECT attname FROM pg_attribute WHERE attrelid = '\"" + table
                    + "\"'::regclass AND attnum > 2 AND atttypid = 'text'::regtype ORDER BY attnum LIMIT 1");
            st.execute("INSERT INTO \"" + table + "\" (\"" + column + "\", _full_text) VALUES ('ferrying trigger', NULL)");
        }
        assertEquals(1, site.datastore().queryLong("SELECT count(*) FROM \"" + table + "\" WHERE _full_text @@ "
                + "to_tsquery('english', 'ferry & trigger')"), "the trigger filled _full_text");
        try (Connection c = read.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"Name\" FROM \"new-resource\" WHERE _full_text @@ to_tsquery('written')")) {
            assertTrue(rs.next(), "the default privileges let the read role read the write role's new table");
        }
    }

    @Test
    void theCheckFindsAndNamesEachProblem() {
        Site site = generate("problems", 13);
        List<String> tables = site.tables();
        String dropped = tables.get(0);
        String ungranted = tables.get(1);
        String forgotten = tables.get(2);
        String foreign = tables.get(3);
        String orphan = "00000000-0000-4000-8000-00000000dead";
        TestDatabase ds = site.datastore();
        ds.execute("DROP TABLE \"" + dropped + "\" CASCADE");
        ds.execute("REVOKE SELECT ON \"" + ungranted + "\" FROM " + site.roles().read());
        ds.execute("ALTER TABLE \"" + foreign + "\" OWNER TO CURRENT_USER");
        ds.execute("SET ROLE " + site.roles().write() + ";"
                + "CREATE TABLE \"" + orphan + "\" (_id serial PRIMARY KEY, _full_text tsvector, n int);"
                + "CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON \"" + orphan + "\" FOR EACH ROW "
                + "EXECUTE PROCEDURE populate_full_text_trigger();"
                + "INSERT INTO \"" + orphan + "\" (n) SELECT generate_series(1, 3);"
                + "CREATE VIEW \"forgotten-alias\" AS SELECT * FROM \"" + forgotten + "\";"
                + "CREATE VIEW \"nowhere\" AS SELECT 1 AS x");
        // CKAN drops a deleted resource's table; here it stayed, with its alias.
        site.catalog().execute("UPDATE resource SET state = 'deleted' WHERE id = '" + forgotten + "'");

        DataStoreReport report = site.check();
        assertEquals(Set.of(dropped), names(report, "missing-table"), () -> print(report));
        assertEquals(Set.of(orphan, forgotten), names(report, "orphan-table"));
        DataStoreReport.Item item = report.finding("orphan-table").items().stream()
                .filter(i -> i.name().equals(orphan)).findFirst().orElseThrow();
        assertEquals(3L, item.rows());
        assertTrue(item.bytes() > 0);
        assertEquals(Set.of("forgotten-alias", "nowhere"), names(report, "dangling-alias"));
        assertEquals(Set.of(ungranted), names(report, "read-grant"));
        assertEquals(Set.of(foreign), names(report, "owner"));
        assertEquals(Set.of(), names(report, "roles"));
        assertEquals(Set.of(), names(report, "ckan-objects"));
        assertEquals(7, report.problems());

        // A role that does not exist is named, and nothing is asked of it.
        DataStoreReport strangers = DataStoreCheck.run(site.catalog().spec(), ds.spec(),
                new DataStoreRoles(site.roles().write(), "nobody_reads"));
        assertEquals(Set.of("nobody_reads"), names(strangers, "roles"));
        assertEquals(Set.of(), names(strangers, "read-grant"));

        // Without the trigger, the function, the view and the default privileges.
        ds.execute("DROP TRIGGER zfulltext ON \"" + ungranted + "\"; DROP VIEW _table_metadata; "
                + "ALTER DEFAULT PRIVILEGES FOR USER " + site.roles().write() + " IN SCHEMA public REVOKE SELECT ON "
                + "TABLES FROM " + site.roles().read() + "; REVOKE USAGE ON SCHEMA public FROM " + site.roles().read());
        DataStoreReport broken = site.check();
        assertEquals(Set.of(ungranted, "_table_metadata"), names(broken, "ckan-objects"));
        assertEquals(Set.of(ungranted, "schema public", "default privileges"), names(broken, "read-grant"));
    }

    @Test
    void refusesMoreTablesThanTheCatalogHasResourcesForAndADataStoreThatIsNotEmpty(TestDatabase db) {
        GenerateOptions options = new GenerateOptions(20, 1, HarvestShape.DGU);
        DataStoreOptions many = new DataStoreOptions(10_000, 10, DataStoreRoles.defaults());
        assertTrue(assertThrows(io.ferry.FerryException.class, () -> DataStoreGenerator.select(options, many))
                .getMessage().contains("--datastore-tables 10000"));
        db.execute("CREATE TABLE something (x int)");
        assertTrue(assertThrows(io.ferry.FerryException.class, () -> DataStoreGenerator.requireEmpty(db.spec()))
                .getMessage().contains("something"));
    }

    private static Set<String> names(DataStoreReport report, String check) {
        Set<String> names = new TreeSet<>();
        report.finding(check).items().forEach(i -> names.add(i.name()));
        return names;
    }

    private static String print(DataStoreReport report) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        report.print(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> strings(TestDatabase db, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }
}
