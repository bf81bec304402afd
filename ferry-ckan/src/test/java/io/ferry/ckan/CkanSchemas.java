package io.ferry.ckan;

import io.ferry.migrate.MigrateOptions;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationSources;
import io.ferry.migrate.Migrator;
import io.ferry.sql.ScriptRunner;
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
import java.util.Optional;

/** Loads the CKAN pack's schema files and runs its migrations, the way a user of the jar would. */
final class CkanSchemas {
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

    static Migrator.Result migrateCore(TestDatabase db) {
        MigrateOptions options = new MigrateOptions(Optional.of("core"), Optional.empty(), false, false,
                Duration.ofSeconds(30), Duration.ofSeconds(30), 0);
        return new Migrator(db.spec(), migrations(), MigrationListener.NONE).migrate(options);
    }

    static CoreSchema coreSchema(TestDatabase db) {
        try (Connection c = db.open()) {
            return CoreSchema.read(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
