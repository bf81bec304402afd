package io.ferry.ckan;

import io.ferry.diff.DiffOptions;
import io.ferry.diff.SchemaDiff;
import io.ferry.migrate.MigrateOptions;
import io.ferry.migrate.Migration;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationSources;
import io.ferry.migrate.Migrator;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.schema.read.CatalogReader;
import io.ferry.sql.ScriptRunner;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads the CKAN pack's schema files and runs its migrations, the way a user of the jar would. */
public final class CkanSchemas {
    private static Schema ckan28;
    private static Schema ckan28Core;
    private static Schema ckan29;
    private static Schema ckan29Core;
    private static Schema ckan211;

    private CkanSchemas() {
    }

    /** Runs {@code ferry/schemas/NAME.sql} from the class path on the database; returns the statement count. */
    static long load(TestDatabase db, String name) {
        String resource = "ferry/schemas/" + name + ".sql";
        InputStream in = CkanSchemas.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the class path");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8); Connection c = db.open()) {
            return new ScriptRunner(c, name + ".sql").run(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundled CKAN migrations, found as {@code --migrations builtin:ckan} finds them. */
    static MigrationSet migrations() {
        ClassLoader loader = CkanSchemas.class.getClassLoader();
        return MigrationSet.load(MigrationSources.resolve("builtin:ckan", loader), loader);
    }

    /** The core module alone, as far as its files go. */
    static Migrator.Result migrateCore(TestDatabase db) {
        return run(db, Optional.of("core"), Optional.empty());
    }

    /** The core module alone, up to and including {@code version}. */
    public static Migrator.Result migrateCore(TestDatabase db, int version) {
        return run(db, Optional.of("core"), Optional.of("core@" + version));
    }

    /** One module alone ({@code migrate --module NAME}). */
    static Migrator.Result migrateModule(TestDatabase db, String module) {
        return run(db, Optional.of(module), Optional.empty());
    }

    /** One module alone up to and including {@code target} ({@code migrate --module NAME --target NAME@V}). */
    static Migrator.Result migrateModule(TestDatabase db, String module, String target) {
        return run(db, Optional.of(module), Optional.of(target));
    }

    /** Every module of the bundled set, in the order the engine picks. */
    static Migrator.Result migrateAll(TestDatabase db) {
        return run(db, Optional.empty(), Optional.empty());
    }

    /** As {@link #migrateAll(TestDatabase)}, stopping once {@code target} ({@code module@version}) is reached. */
    static Migrator.Result migrateAll(TestDatabase db, String target) {
        return run(db, Optional.empty(), Optional.of(target));
    }

    /**
     * The CKAN 2.8 stop: dgu, core to 086 and harvest to 006 (before ckanext-harvest's alembic
     * revisions), each run as {@code migrate --module M --target M@V}; the migrations applied, in order.
     */
    static List<Migration> migrateTo28(TestDatabase db) {
        List<Migration> applied = new ArrayList<>();
        applied.addAll(run(db, Optional.of("dgu"), Optional.empty()).applied());
        applied.addAll(migrateCore(db, 86).applied());
        applied.addAll(migrateModule(db, "harvest", "harvest@6").applied());
        return applied;
    }

    /** What {@code ferry repair} does: forgets failed migrations once their cause is fixed. */
    static List<String> repair(TestDatabase db) {
        return new Migrator(db.spec(), migrations(), MigrationListener.NONE).repair(options(Optional.empty(),
                Optional.empty()));
    }

    private static Migrator.Result run(TestDatabase db, Optional<String> module, Optional<String> target) {
        return new Migrator(db.spec(), migrations(), MigrationListener.NONE).migrate(options(module, target));
    }

    private static MigrateOptions options(Optional<String> module, Optional<String> target) {
        return new MigrateOptions(module, target.map(MigrateOptions.Target::parse), false, false,
                Duration.ofSeconds(30), Duration.ofSeconds(30), 0);
    }

    /** The schema of {@code ckan-2.8.sql}, read once per test run from a database it was loaded into. */
    static synchronized Schema ckan28() {
        if (ckan28 == null) {
            TestDatabase model = PostgresExtension.newDatabase("ckan28_model");
            load(model, "ckan-2.8");
            ckan28 = CatalogReader.read(model.spec());
        }
        return ckan28;
    }

    /** The CKAN core part of {@code ckan-2.8.sql}: the file loaded, then {@link #dropNonCore} applied. */
    static synchronized Schema ckan28Core() {
        if (ckan28Core == null) {
            TestDatabase model = PostgresExtension.newDatabase("ckan28_core");
            load(model, "ckan-2.8");
            dropNonCore(model);
            ckan28Core = CatalogReader.read(model.spec());
        }
        return ckan28Core;
    }

    /** The schema of {@code ckan-2.9.sql}, read once per test run. */
    static synchronized Schema ckan29() {
        if (ckan29 == null) {
            TestDatabase model = PostgresExtension.newDatabase("ckan29_model");
            load(model, "ckan-2.9");
            ckan29 = CatalogReader.read(model.spec());
        }
        return ckan29;
    }

    /** The CKAN core part of {@code ckan-2.9.sql}: the file loaded, then {@link #dropNonCore} applied. */
    static synchronized Schema ckan29Core() {
        if (ckan29Core == null) {
            TestDatabase model = PostgresExtension.newDatabase("ckan29_core");
            load(model, "ckan-2.9");
            dropNonCore(model);
            ckan29Core = CatalogReader.read(model.spec());
        }
        return ckan29Core;
    }

    /** The schema of {@code ckan-2.11.sql}, read once per test run. */
    static synchronized Schema ckan211() {
        if (ckan211 == null) {
            TestDatabase model = PostgresExtension.newDatabase("ckan211_model");
            load(model, "ckan-2.11");
            ckan211 = CatalogReader.read(model.spec());
        }
        return ckan211;
    }

    /**
     * Drops what is not CKAN core, for tests of the core module alone: the harvest extension's tables
     * (old or new shape) and log level type, and data.gov.uk's additions (related items, the data
     * cache, its migration 058's indexes), which the dgu and harvest modules deal with.
     */
    static void dropNonCore(TestDatabase db) {
        db.execute("""
                DROP TABLE IF EXISTS harvest_object_extra, harvest_object_error, harvest_gather_error,
                    harvest_coupled_resource, harvest_object, harvest_job, harvest_source, harvest_log,
                    related_dataset, related, data_cache;
                DROP TYPE IF EXISTS log_level;
                DROP INDEX IF EXISTS activity_detail_activity_id_idx, activity_user_id_idx;
                """);
    }

    /**
     * What {@code ferry verify --model builtin:ckan-2.8} would print for this database (the
     * statements that would turn its schema into the model's), plus any difference in the column
     * order of CKAN core's tables; empty when they are the same.
     */
    static String differencesFromCkan28(TestDatabase db) {
        return differences(CatalogReader.read(db.spec()), ckan28());
    }

    /** As {@link #differencesFromCkan28}, against {@code ckan-2.9.sql}. */
    static String differencesFromCkan29(TestDatabase db) {
        return differences(CatalogReader.read(db.spec()), ckan29());
    }

    /** As {@link #differencesFromCkan28}, against {@code ckan-2.11.sql}. */
    static String differencesFromCkan211(TestDatabase db) {
        return differences(CatalogReader.read(db.spec()), ckan211());
    }

    /** As {@link #differencesFromCkan28}, against {@link #ckan29Core()}. */
    static String differencesFromCkan29Core(TestDatabase db) {
        return differences(CatalogReader.read(db.spec()), ckan29Core());
    }

    /** As {@link #differencesFromCkan28}, against {@link #ckan28Core()}. */
    static String differencesFromCkan28Core(TestDatabase db) {
        return differences(CatalogReader.read(db.spec()), ckan28Core());
    }

    static String differences(Schema schema, Schema model) {
        String script = SchemaDiff.between(schema, model, DiffOptions.defaults()).script();
        List<String> order = columnOrderDifferences(schema, model);
        return order.isEmpty() ? script : script + String.join("\n", order);
    }

    /**
     * The schema comparison leaves column order out; CKAN core's tables must have it too (a fresh 2.8
     * database has its columns in the order CKAN's migrations added them). The harvest tables are
     * left out on purpose: today's extension creates them with its columns in another order than the
     * one the old extension's upgrades appended them in, and nothing depends on it.
     */
    static List<String> columnOrderDifferences(Schema a, Schema b) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Table> e : a.tables().entrySet()) {
            Table other = b.tables().get(e.getKey());
            if (other == null || e.getValue().name().name().startsWith("harvest_")) {
                continue;
            }
            List<String> mine = e.getValue().columns().stream().map(Column::name).toList();
            List<String> theirs = other.columns().stream().map(Column::name).toList();
            if (!mine.equals(theirs)) {
                out.add("column order of " + e.getKey() + ": " + mine + " but the model has " + theirs);
            }
        }
        return out;
    }
}
