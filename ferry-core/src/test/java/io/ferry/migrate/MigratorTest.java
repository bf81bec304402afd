package io.ferry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class MigratorTest {
    @TempDir
    Path dir;

    private MigrationFiles files() {
        return new MigrationFiles(dir);
    }

    private static Migrator migrator(TestDatabase db, MigrationSet set) {
        return new Migrator(db.spec(), set, MigrationListener.NONE);
    }

    private static MigrateOptions options() {
        return MigrateOptions.defaults();
    }

    private static MigrateOptions with(Optional<String> module, Optional<MigrateOptions.Target> target,
                                       boolean dryRun, boolean outOfOrder) {
        return new MigrateOptions(module, target, dryRun, outOfOrder, Duration.ofSeconds(5), Duration.ofSeconds(5), 0);
    }

    @Test
    void appliesModulesInRequiresOrderAndRecordsHistory(TestDatabase db) {
        // harvest sorts before core by name, but requires core>=2, so core must run first.
        files().write("core/001_package.sql", "CREATE TABLE package (id text PRIMARY KEY);")
                .write("core/002_extra.sql", "CREATE TABLE package_extra (package_id text REFERENCES package (id));")
                .write("alpha/001_log.sql", "CREATE TABLE log (msg text);")
                .write("alpha/module.properties", "requires=harvest>=1")
                .write("harvest/001_source.sql", "CREATE TABLE harvest_source (id text, "
                        + "package_id text REFERENCES package (id));")
                .write("harvest/module.properties", "requires=core>=2");
        List<String> order = new ArrayList<>();
        Migrator.Result result = new Migrator(db.spec(), files().load(), new MigrationListener() {
            @Override
            public void applied(Migration m, long ms) {
                order.add(m.module() + m.version());
            }
        }).migrate(options());
        assertEquals(List.of("core1", "core2", "harvest1", "alpha1"), order);
        assertEquals(4, result.applied().size());
        assertEquals(4, db.queryLong("SELECT count(*) FROM ferry_schema_history WHERE success"));
        assertEquals("postgres", db.queryString("SELECT DISTINCT installed_by FROM ferry_schema_history"));
        // A second run has nothing to do.
        assertTrue(migrator(db, files().load()).migrate(options()).applied().isEmpty());
    }

    @Test
    void unmetRequirementsFailBeforeAnythingRuns(TestDatabase db) {
        files().write("core/001_a.sql", "CREATE TABLE a (id int);")
                .write("harvest/001_b.sql", "CREATE TABLE b (id int);")
                .write("harvest/module.properties", "requires=core>=86");
        FerryException e = assertThrows(FerryException.class, () -> migrator(db, files().load()).migrate(options()));
        assertEquals(ErrorCode.CONFIGURATION, e.code());
        assertTrue(e.getMessage().contains("harvest requires core>=86, but core would only be at version 1"),
                e.getMessage());
        assertNull(db.queryString("SELECT to_regclass('a')"));

        files().write("harvest/module.properties", "requires=ckan>=1");
        FerryException missing = assertThrows(FerryException.class,
                () -> migrator(db, files().load()).migrate(options()));
        assertTrue(missing.getMessage().contains("there is no module ckan"), missing.getMessage());
        assertNull(db.queryString("SELECT to_regclass('ferry_schema_history')"), "not even the history table");
    }

    @Test
    void moduleOptionRunsOneModuleOnlyWhenItsRequirementsHold(TestDatabase db) {
        files().write("core/001_a.sql", "CREATE TABLE a (id int);")
                .write("harvest/001_b.sql", "CREATE TABLE b (id int);")
                .write("harvest/module.properties", "requires=core>=1");
        FerryException e = assertThrows(FerryException.class, () -> migrator(db, files().load())
                .migrate(with(Optional.of("harvest"), Optional.empty(), false, false)));
        assertTrue(e.getMessage().contains("core would only be at version 0"), e.getMessage());
        migrator(db, files().load()).migrate(with(Optional.of("core"), Optional.empty(), false, false));
        assertNull(db.queryString("SELECT to_regclass('b')"));
        migrator(db, files().load()).migrate(with(Optional.of("harvest"), Optional.empty(), false, false));
        assertEquals("b", db.queryString("SELECT to_regclass('b')::text"));
    }

    @Test
    void targetStopsEarly(TestDatabase db) {
        files().write("core/001_a.sql", "CREATE TABLE a (id int);")
                .write("core/002_b.sql", "CREATE TABLE b (id int);")
                .write("core/003_c.sql", "CREATE TABLE c (id int);")
                .write("later/001_d.sql", "CREATE TABLE d (id int);")
                .write("later/module.properties", "requires=core>=1");
        migrator(db, files().load()).migrate(with(Optional.empty(),
                Optional.of(MigrateOptions.Target.parse("core@2")), false, false));
        assertEquals("b", db.queryString("SELECT to_regclass('b')::text"));
        assertNull(db.queryString("SELECT to_regclass('c')"));
        assertNull(db.queryString("SELECT to_regclass('d')"), "modules after the target do not run");
    }

    @Test
    void outOfOrderFileIsReportedNeverSkipped(TestDatabase db) {
        files().write("core/001_a.sql", "CREATE TABLE a (id int);")
                .write("core/005_e.sql", "CREATE TABLE e (id int);");
        migrator(db, files().load()).migrate(options());
        files().write("core/003_c.sql", "CREATE TABLE c (id int);");
        MigrationSet set = files().load();
        List<String> problems = migrator(db, set).validate();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("core/003_c.sql") && problems.get(0).contains("out of order"));
        FerryException e = assertThrows(FerryException.class, () -> migrator(db, set).migrate(options()));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("--out-of-order"), e.getMessage());
        migrator(db, set).migrate(with(Optional.empty(), Optional.empty(), false, true));
        assertEquals("c", db.queryString("SELECT to_regclass('c')::text"));
        assertTrue(migrator(db, set).validate().isEmpty());
    }

    @Test
    void failedAssertionRollsBackRecordsValuesAndBlocksUntilRepaired(TestDatabase db) {
        files().write("core/001_tags.sql", "CREATE TABLE tag (name text);\n"
                + "INSERT INTO tag SELECT 'tag' || n FROM generate_series(1, 7) n;")
                .write("core/002_dedupe.sql", "-- ferry:capture tags: SELECT count(*) FROM tag\n"
                        + "CREATE TABLE tag_copy AS SELECT * FROM tag;\n"
                        + "DELETE FROM tag WHERE name = 'tag3';\n"
                        + "-- ferry:assert SELECT :tags = (SELECT count(*) FROM tag)\n");
        FerryException e = assertThrows(FerryException.class, () -> migrator(db, files().load()).migrate(options()));
        assertEquals(ErrorCode.ASSERTION_FAILED, e.code());
        assertTrue(e.getMessage().contains("core/002_dedupe.sql: assertion failed"), e.getMessage());
        assertTrue(e.getMessage().contains("tags=7"), e.getMessage());
        assertNull(db.queryString("SELECT to_regclass('tag_copy')"), "rolled back");
        assertEquals(7, db.queryLong("SELECT count(*) FROM tag"));
        assertEquals("7", db.queryString("SELECT assertions->'captures'->>'tags' FROM ferry_schema_history "
                + "WHERE NOT success"));
        assertEquals("false", db.queryString("SELECT assertions->'checks'->0->>'passed' FROM ferry_schema_history "
                + "WHERE NOT success"));

        FerryException blocked = assertThrows(FerryException.class,
                () -> migrator(db, files().load()).migrate(options()));
        assertTrue(blocked.getMessage().contains("blocked by failed migration 2"), blocked.getMessage());

        files().write("core/002_dedupe.sql", "-- ferry:capture tags: SELECT count(*) FROM tag\n"
                + "CREATE TABLE tag_copy AS SELECT * FROM tag;\n"
                + "-- ferry:assert SELECT :tags = (SELECT count(*) FROM tag_copy)\n");
        List<String> actions = migrator(db, files().load()).repair(options());
        assertEquals(List.of("remove the failed history row of core 2 (core/002_dedupe.sql)"), actions);
        migrator(db, files().load()).migrate(options());
        assertEquals(7, db.queryLong("SELECT count(*) FROM tag_copy"));
        assertEquals("true", db.queryString("SELECT assertions->'checks'->0->>'passed' FROM ferry_schema_history "
                + "WHERE version = 2"));
    }

    @Test
    void sqlErrorNamesFileLineAndSqlState(TestDatabase db) {
        files().write("core/001_bad.sql", "CREATE TABLE ok (id int);\n\n-- a comment\nINSERT INTO ok\n"
                + "  SELECT id FROM missing_table;\n");
        FerryException e = assertThrows(FerryException.class, () -> migrator(db, files().load()).migrate(options()));
        assertEquals(ErrorCode.MIGRATION_FAILED, e.code());
        assertEquals("core/001_bad.sql:5: ERROR 42P01: relation \"missing_table\" does not exist", e.getMessage());
        assertNull(db.queryString("SELECT to_regclass('ok')"));
        assertEquals(e.getMessage(), db.queryString("SELECT error FROM ferry_schema_history WHERE NOT success"));
    }

    @Test
    void changedFileIsReportedRefusedAndAcceptedByRepair(TestDatabase db) {
        files().write("core/001_a.sql", "CREATE TABLE a (id int);");
        migrator(db, files().load()).migrate(options());
        files().write("core/001_a.sql", "CREATE TABLE a (id bigint);");
        assertTrue(migrator(db, files().load()).validate().get(0).contains("changed since it was applied"));
        assertThrows(FerryException.class, () -> migrator(db, files().load()).migrate(options()));
        assertEquals(List.of("accept the changed core/001_a.sql (update its checksum)"),
                migrator(db, files().load()).repair(options()));
        assertTrue(migrator(db, files().load()).validate().isEmpty());

        files().delete("core/001_a.sql").write("core/002_b.sql", "SELECT 1;");
        List<String> problems = migrator(db, files().load()).validate();
        assertTrue(problems.get(0).contains("applied, but the file is missing"), problems.toString());
    }

    @Test
    void anEarlierTextTheFileReplacesIsNotChanged(TestDatabase db) {
        String before = "CREATE TABLE a (id int);";
        files().write("core/001_a.sql", before);
        migrator(db, files().load()).migrate(options());
        String earlier = db.queryString("SELECT checksum FROM ferry_schema_history WHERE version = 1");
        files().write("core/001_a.sql", "-- ferry:replaces " + earlier + "\nCREATE TABLE IF NOT EXISTS a (id int);");
        assertTrue(migrator(db, files().load()).validate().isEmpty());
        assertTrue(migrator(db, files().load()).migrate(options()).applied().isEmpty());
        // Only the named text: any other earlier text is still a changed file.
        files().write("core/001_a.sql", "-- ferry:replaces " + "0".repeat(64) + "\nCREATE TABLE IF NOT EXISTS a (id int);");
        assertTrue(migrator(db, files().load()).validate().get(0).contains("changed since it was applied"));
        FerryException typo = assertThrows(FerryException.class, () -> files()
                .write("core/001_a.sql", "-- ferry:replaces abc\nSELECT 1;").load());
        assertTrue(typo.getMessage().contains("unknown directive"), typo.getMessage());
    }

    @Test
    void dryRunChangesNothing(TestDatabase db) {
        files().write("core/001_a.sql", "CREATE TABLE a (id int);");
        List<Migration> shown = new ArrayList<>();
        new Migrator(db.spec(), files().load(), new MigrationListener() {
            @Override
            public void wouldApply(Migration m) {
                shown.add(m);
            }
        }).migrate(with(Optional.empty(), Optional.empty(), true, false));
        assertEquals(1, shown.size());
        assertTrue(shown.get(0).preview().contains("CREATE TABLE a"));
        assertNull(db.queryString("SELECT to_regclass('ferry_schema_history')"));
        assertNull(db.queryString("SELECT to_regclass('a')"));
    }

    @Test
    void baselineFromCkanMigrateVersion(TestDatabase db) {
        db.execute("CREATE TABLE migrate_version (repository_id varchar(250) PRIMARY KEY, repository_path text, "
                + "version integer); INSERT INTO migrate_version VALUES ('Ckan', '/ckan/migration', 71)");
        files().write("core/070_old.sql", "CREATE TABLE never (id int);")
                .write("core/071_old.sql", "CREATE TABLE never2 (id int);")
                .write("core/072_resource_view.sql", "CREATE TABLE resource_view (id text);")
                .write("core/module.properties", "baseline=migrate_version");
        List<String> baselined = new ArrayList<>();
        new Migrator(db.spec(), files().load(), new MigrationListener() {
            @Override
            public void baselined(String module, MigrationVersion version, String source) {
                baselined.add(module + "@" + version + " from " + source);
            }
        }).migrate(options());
        assertEquals(List.of("core@71 from migrate_version (Ckan)"), baselined);
        assertNull(db.queryString("SELECT to_regclass('never')"));
        assertEquals("resource_view", db.queryString("SELECT to_regclass('resource_view')::text"));
        ModuleState core = migrator(db, files().load()).status().get(0);
        assertEquals(MigrationVersion.of(72), core.current());
        assertTrue(core.outOfOrder().isEmpty(), "files below the baseline are not out of order");
    }

    @Test
    void explicitBaselineAndAlembicRevision(TestDatabase db) {
        files().write("core/099_0ffc0b277fca_x.sql", "SELECT 1;")
                .write("core/100_ccd38ad5fced_y.sql", "SELECT 1;")
                .write("core/101_new.sql", "CREATE TABLE newer (id int);");
        db.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
                + "INSERT INTO alembic_version VALUES ('ccd38ad5fced')");
        assertEquals(MigrationVersion.of(100), migrator(db, files().load()).baseline("core", Optional.empty(), options()));
        FerryException again = assertThrows(FerryException.class,
                () -> migrator(db, files().load()).baseline("core", Optional.of(MigrationVersion.of(5)), options()));
        assertTrue(again.getMessage().contains("already has history"), again.getMessage());
        assertEquals(1, migrator(db, files().load()).migrate(options()).applied().size());
    }

    @Test
    void aPluginModuleBaselinesFromItsOwnAlembicTable(TestDatabase db) {
        // CKAN core's table names a revision no file of the plugin module has: only the plugin's own is read.
        files().write("activity/001_71713a055d5c_add.sql", "CREATE TABLE first_step (id int);")
                .write("activity/002_fab3bfdcf830_fill.sql", "CREATE TABLE second_step (id int);")
                .write("activity/module.properties", "baseline=activity_alembic_version");
        db.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
                + "INSERT INTO alembic_version VALUES ('4a5e3465beb6');"
                + "CREATE TABLE activity_alembic_version (version_num varchar(32) PRIMARY KEY);"
                + "INSERT INTO activity_alembic_version VALUES ('71713a055d5c')");
        List<String> baselined = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void baselined(String module, MigrationVersion version, String source) {
                baselined.add(module + "@" + version + " from " + source);
            }
        };
        Migrator.Result result = new Migrator(db.spec(), files().load(), listener).migrate(options());
        assertEquals(List.of("activity@1 from activity_alembic_version 71713a055d5c"), baselined);
        assertEquals(List.of("2"), result.applied().stream().map(m -> m.version().toString()).toList());
        assertNull(db.queryString("SELECT to_regclass('first_step')"));
        assertEquals("second_step", db.queryString("SELECT to_regclass('second_step')::text"));
        // A revision no file names is refused with the table's name.
        db.execute("DELETE FROM ferry_schema_history; UPDATE activity_alembic_version SET version_num = 'abc123'");
        FerryException e = assertThrows(FerryException.class,
                () -> migrator(db, files().load()).baseline("activity", Optional.empty(), options()));
        assertTrue(e.getMessage().startsWith("activity_alembic_version is at revision abc123"), e.getMessage());
        // Without the plugin's table, the message names the table looked for, not CKAN core's.
        db.execute("DROP TABLE activity_alembic_version");
        FerryException none = assertThrows(FerryException.class,
                () -> migrator(db, files().load()).baseline("activity", Optional.empty(), options()));
        assertTrue(none.getMessage().contains("has no activity_alembic_version to read module activity's version"),
                none.getMessage());
    }

    @Test
    void nonTransactionalMigrationRunsConcurrentIndexAndRecordsFailure(TestDatabase db) {
        files().write("core/001_t.sql", "CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 1000);")
                .write("core/002_idx.sql", "-- ferry:no-transaction\nCREATE INDEX CONCURRENTLY t_id_idx ON t (id);\n")
                .write("core/003_bad.sql", "-- ferry:no-transaction\nCREATE INDEX CONCURRENTLY t_x_idx ON t (nope);\n");
        FerryException e = assertThrows(FerryException.class, () -> migrator(db, files().load()).migrate(options()));
        assertTrue(e.getMessage().startsWith("core/003_bad.sql:2: ERROR 42703"), e.getMessage());
        assertEquals("t", db.queryString("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_id_idx'::regclass"));
        assertEquals("f", db.queryString("SELECT success FROM ferry_schema_history WHERE version = 3"));
    }

    @Test
    void lockHeldElsewhereTimesOut(TestDatabase db) throws Exception {
        files().write("core/001_a.sql", "CREATE TABLE a (id int);");
        try (var holder = db.open(); var st = holder.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + MigrationLock.KEY + ")");
            FerryException e = assertThrows(FerryException.class, () -> new Migrator(db.spec(), files().load(),
                    MigrationListener.NONE).migrate(new MigrateOptions(Optional.empty(), Optional.empty(), false,
                    false, Duration.ofMillis(300), Duration.ofSeconds(5), 0)));
            assertEquals(ErrorCode.LOCK_TIMEOUT, e.code());
            assertTrue(e.getMessage().contains("holds the migration lock"), e.getMessage());
        }
        assertFalse(migrator(db, files().load()).migrate(options()).applied().isEmpty());
    }

    @Test
    void lockTimeoutOnDdlIsReportedAndRetried(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE busy (id int)");
        files().write("core/001_alter.sql", "ALTER TABLE busy ADD COLUMN note text;");
        try (var blocker = db.open()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE busy IN ACCESS SHARE MODE");
            MigrateOptions quick = new MigrateOptions(Optional.empty(), Optional.empty(), false, false,
                    Duration.ofSeconds(5), Duration.ofMillis(200), 0);
            FerryException e = assertThrows(FerryException.class,
                    () -> migrator(db, files().load()).migrate(quick));
            assertTrue(e.getMessage().contains("55P03") && e.getMessage().contains("--lock-timeout"), e.getMessage());
            blocker.rollback();
        }
        migrator(db, files().load()).repair(options());
        // With retries, a lock that goes away in time is waited out.
        try (var blocker = db.open()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE busy IN ACCESS SHARE MODE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(700);
                    blocker.rollback();
                } catch (Exception ignored) {
                    // the test fails below if the lock was never released
                }
            });
            release.start();
            migrator(db, files().load()).migrate(new MigrateOptions(Optional.empty(), Optional.empty(), false, false,
                    Duration.ofSeconds(5), Duration.ofMillis(200), 3));
            release.join();
        }
        assertEquals("note", db.queryString("SELECT attname FROM pg_attribute WHERE attrelid = 'busy'::regclass "
                + "AND attname = 'note'"));
    }
}
