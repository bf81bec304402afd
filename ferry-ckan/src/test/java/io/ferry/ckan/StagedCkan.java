package io.ferry.ckan;

import io.ferry.migrate.MigrateOptions;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationSources;
import io.ferry.migrate.Migrator;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CKAN migrations as they will be once the staged steps are switched on: the bundled set
 * ({@code builtin:ckan}) with the files of {@code ckan/migrations-next/} laid over it, module by
 * module (a staged file of the same name replaces the bundled one; a staged module.properties too).
 * The staged folder is on the test class path only, never in the jar (other modules' tests reach it
 * through this module's test jar).
 */
public final class StagedCkan {
    private static final String STAGED = "ferry/migrations-next/ckan";
    private static Path folder;

    private StagedCkan() {
    }

    /** The combined set, copied once per test run into a temporary folder. */
    public static synchronized MigrationSet migrations() {
        ClassLoader loader = StagedCkan.class.getClassLoader();
        if (folder == null) {
            try {
                Path combined = Files.createTempDirectory("ferry-ckan-staged");
                copyInto(MigrationSources.resolve("builtin:ckan", loader), combined);
                URL staged = loader.getResource(STAGED);
                if (staged == null) {
                    throw new IllegalStateException(STAGED + " is not on the test class path");
                }
                copyInto(path(staged.toURI()), combined);
                folder = combined;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return MigrationSet.load(folder, loader);
    }

    /** A folder on the class path: a directory, or one inside this module's test jar. */
    private static Path path(URI uri) throws IOException {
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        try {
            return FileSystems.newFileSystem(uri, Map.of()).provider().getPath(uri);
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri).provider().getPath(uri);
        }
    }

    private static void copyInto(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
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

    /** Every module, in the engine's order, as far as their files go. */
    static Migrator.Result migrateAll(TestDatabase db) {
        return run(db, Optional.empty(), Optional.empty());
    }

    /** Every module, in the engine's order, stopping once {@code target} ({@code module@version}) is reached. */
    static Migrator.Result migrateAll(TestDatabase db, String target) {
        return run(db, Optional.empty(), Optional.of(target));
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
}
