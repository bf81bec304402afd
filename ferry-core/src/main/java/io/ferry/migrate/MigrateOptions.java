package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@code migrate} runs.
 *
 * @param module      limit the run to this module
 * @param target      stop once this module has reached this version
 * @param dryRun      print the SQL that would run, change nothing
 * @param outOfOrder  apply files numbered below their module's current version
 * @param lockWait    how long to wait for another Ferry process's lock
 * @param lockTimeout the server's lock_timeout for each migration's statements
 * @param lockRetries how often to retry a migration that failed on lock_timeout, with backoff
 */
public record MigrateOptions(Optional<String> module, Optional<Target> target, boolean dryRun, boolean outOfOrder,
                             Duration lockWait, Duration lockTimeout, int lockRetries) {

    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

    public MigrateOptions {
        if (lockRetries < 0) {
            throw new FerryException(ErrorCode.USAGE, "--lock-retries cannot be negative");
        }
        if (lockWait.isNegative() || lockTimeout.isNegative()) {
            throw new FerryException(ErrorCode.USAGE, "--lock-wait and --lock-timeout cannot be negative");
        }
    }

    public static MigrateOptions defaults() {
        return new MigrateOptions(Optional.empty(), Optional.empty(), false, false, DEFAULT_LOCK_WAIT,
                DEFAULT_LOCK_TIMEOUT, 0);
    }

    /** {@code core@80}: stop when module core has reached version 80. */
    public record Target(String module, MigrationVersion version) {
        public static Target parse(String text) {
            int at = text.indexOf('@');
            if (at <= 0 || at == text.length() - 1) {
                throw new FerryException(ErrorCode.USAGE, "--target must look like module@version, not '" + text + "'");
            }
            return new Target(text.substring(0, at).strip(), MigrationVersion.parse(text.substring(at + 1)));
        }
    }
}
