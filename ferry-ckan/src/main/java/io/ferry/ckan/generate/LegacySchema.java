package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.ScriptRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the legacy schema into the target: checks that the database is empty, runs the bundled
 * {@code ferry/schemas/legacy.sql}, reshapes the harvest tables when asked, and sets keys and indexes
 * aside for the bulk load (they are rebuilt afterwards under their own names and definitions, which
 * is far faster than maintaining them row by row, and checks every foreign key once at the end).
 */
final class LegacySchema {
    static final String RESOURCE = "ferry/schemas/legacy.sql";

    private LegacySchema() {
    }

    /** Refuses a database that already holds tables, views or sequences outside the system schemas. */
    static void requireEmpty(Connection c, String display) throws SQLException {
        String sql = """
                SELECT count(*) OVER (), n.nspname || '.' || cl.relname
                FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE cl.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
                ORDER BY 2 LIMIT 3""";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> examples = new ArrayList<>();
            long count = 0;
            while (rs.next()) {
                count = rs.getLong(1);
                examples.add(rs.getString(2));
            }
            if (count > 0) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "ckan generate needs an empty database, but "
                        + display + " has " + count + " tables, views or sequences (" + String.join(", ", examples)
                        + (count > examples.size() ? ", ..." : "") + ")");
            }
        }
    }

    static void load(Connection c) {
        InputStream in = LegacySchema.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new FerryException(ErrorCode.INTERNAL, RESOURCE + " is not on the class path");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            new ScriptRunner(c, "legacy.sql").run(reader);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * The harvest tables as ckanext-harvest created them before its v2 upgrade: the columns and
     * tables the later upgrades (v2, v3, DGU's v3_dgu and v3.1_dgu) added are removed, and the object's
     * dataset key is the plain one v3 later made deferrable.
     */
    static void preV2Harvest(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    DROP TABLE harvest_coupled_resource;
                    DROP TABLE harvest_object_extra;
                    ALTER TABLE harvest_source DROP COLUMN title, DROP COLUMN frequency, DROP COLUMN next_run,
                        DROP COLUMN name;
                    ALTER TABLE harvest_job DROP COLUMN finished;
                    ALTER TABLE harvest_object DROP COLUMN current, DROP COLUMN harvest_source_id,
                        DROP COLUMN harvest_source_reference, DROP COLUMN import_started,
                        DROP COLUMN import_finished, DROP COLUMN state, DROP COLUMN report_status;
                    ALTER TABLE harvest_object DROP CONSTRAINT harvest_object_package_id_fkey,
                        ADD CONSTRAINT harvest_object_package_id_fkey FOREIGN KEY (package_id) REFERENCES package (id);
                    ALTER TABLE harvest_object_error DROP COLUMN line;
                    """);
        }
    }

    /**
     * Drops the primary, unique and foreign keys and the other indexes of the current schema and
     * returns the statements that re-create them exactly: keys first, then indexes, then foreign keys.
     */
    static List<String> setAsideKeysAndIndexes(Connection c) throws SQLException {
        List<String> drops = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("""
                    SELECT con.conrelid::regclass::text, quote_ident(con.conname), pg_get_constraintdef(con.oid),
                           con.contype = 'f'
                    FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
                    WHERE n.nspname = current_schema() AND con.contype IN ('p', 'u', 'f')
                    ORDER BY con.contype <> 'f', 1, 2""")) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String name = rs.getString(2);
                    drops.add("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
                    String add = "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + rs.getString(3);
                    (rs.getBoolean(4) ? foreign : keys).add(add);
                }
            }
            try (ResultSet rs = st.executeQuery("""
                    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                    JOIN pg_namespace n ON n.oid = ic.relnamespace
                    WHERE n.nspname = current_schema()
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                                      WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
                    ORDER BY 1""")) {
                while (rs.next()) {
                    drops.add("DROP INDEX " + rs.getString(1));
                    indexes.add(rs.getString(2));
                }
            }
            for (String drop : drops) {
                st.execute(drop);
            }
        }
        List<String> restore = new ArrayList<>(keys);
        restore.addAll(indexes);
        restore.addAll(foreign);
        return restore;
    }
}
