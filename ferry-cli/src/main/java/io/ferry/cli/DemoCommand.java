package io.ferry.cli;

import io.ferry.embedded.EmbeddedServer;
import io.ferry.migrate.MigrateOptions;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationSources;
import io.ferry.migrate.Migrator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Shows Ferry end to end with nothing installed: an embedded PostgreSQL, a fresh database, the
 * bundled example modules (catalog, then stats, which requires catalog>=2) with their assertions,
 * and the resulting status.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Ferry end to end on an embedded PostgreSQL; nothing to install.")
final class DemoCommand implements Callable<Integer> {
    static final String DATABASE = "ferry_demo";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded server keeps its data (default: the folder behind --db embedded:NAME, "
                    + "$FERRY_HOME/embedded-pg, else ~/.ferry/embedded-pg).")
    Path dataDir;

    @Override
    public Integer call() {
        Path dir = dataDir != null ? dataDir : FerryHome.embeddedData();
        long start = System.nanoTime();
        System.out.println("Starting embedded PostgreSQL in " + dir.toAbsolutePath());
        try (EmbeddedServer server = EmbeddedServer.open(dir)) {
            server.dropDatabase(DATABASE);
            server.createDatabase(DATABASE);
            var spec = server.connection(DATABASE);
            System.out.println("Fresh database " + spec.display());
            MigrationSet set = MigrationSet.load(MigrationSources.resolve("builtin:demo", getClass().getClassLoader()),
                    getClass().getClassLoader());
            System.out.println("Migrating the example modules (catalog, then stats: stats requires catalog>=2)");
            Migrator migrator = new Migrator(spec, set, new MigrationListener() {
                @Override
                public void applied(io.ferry.migrate.Migration m, long executionMs) {
                    System.out.printf("  %s %s  %s  (%d ms)%n", m.module(), m.version(), m.description(), executionMs);
                }
            });
            migrator.migrate(MigrateOptions.defaults());
            System.out.println();
            StatusCommand.print(System.out, spec.display(), migrator.status());
            System.out.printf("%nDemo finished in %.1f s.%n", (System.nanoTime() - start) / 1e9);
            if (dataDir == null) {
                System.out.println("Look again with: ./ferry status --db embedded:" + DATABASE
                        + " --migrations builtin:demo --json");
            }
        }
        return 0;
    }
}
