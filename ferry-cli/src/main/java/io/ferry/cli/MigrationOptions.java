package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.migrate.MigrateOptions;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationSources;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the migrations are, and how long to wait for locks. */
final class MigrationOptions {
    @Option(names = "--migrations", required = true, paramLabel = "DIR",
            description = "Folder with one sub-folder per module (core/, harvest/, ...), or builtin:NAME.")
    String migrations;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for another Ferry process to finish (default: ${DEFAULT-VALUE}); "
                    + "then exit 5.")
    double lockWaitSeconds;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "The server's lock_timeout for migration statements (default: ${DEFAULT-VALUE}), so DDL "
                    + "never queues the whole site behind it.")
    double lockTimeoutSeconds;

    MigrationSet load() {
        return MigrationSet.load(MigrationSources.resolve(migrations, getClass().getClassLoader()),
                getClass().getClassLoader());
    }

    MigrateOptions options(Optional<String> module, Optional<MigrateOptions.Target> target, boolean dryRun,
                           boolean outOfOrder, int lockRetries) {
        return new MigrateOptions(module, target, dryRun, outOfOrder, seconds(lockWaitSeconds, "--lock-wait"),
                seconds(lockTimeoutSeconds, "--lock-timeout"), lockRetries);
    }

    MigrateOptions defaults() {
        return options(Optional.empty(), Optional.empty(), false, false, 0);
    }

    private static Duration seconds(double value, String option) {
        if (value < 0 || Double.isNaN(value)) {
            throw new FerryException(ErrorCode.USAGE, option + " must be a number of seconds >= 0");
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
