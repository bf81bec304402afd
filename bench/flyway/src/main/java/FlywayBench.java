import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * The Flyway side of bench/migrate.sh: runs one Flyway command on one database with Flyway's
 * defaults (one transaction per migration) and prints nothing but warnings and errors.
 *
 * <pre>
 * java -cp ... FlywayBench URL USER PASSWORD LOCATION COMMAND
 *   COMMAND: migrate | migrate-group (group=true: all pending migrations in one transaction)
 *            | info | validate
 * </pre>
 *
 * LOCATION is a folder of V&lt;n&gt;__&lt;description&gt;.sql files. Exit code 0 on success, 1 on failure, 2 on bad usage.
 */
public final class FlywayBench {
    private FlywayBench() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: FlywayBench URL USER PASSWORD LOCATION migrate|migrate-group|info|validate");
            System.exit(2);
        }
        String command = args[4];
        FluentConfiguration config = Flyway.configure()
                .loggers(Quiet.class.getName())
                .dataSource(args[0], args[1], args[2].isEmpty() ? null : args[2])
                .locations("filesystem:" + args[3]);
        try {
            switch (command) {
                case "migrate" -> config.load().migrate();
                case "migrate-group" -> config.group(true).load().migrate();
                case "info" -> {
                    // Walk every entry so the whole state is computed, as a caller printing it would.
                    int count = 0;
                    for (MigrationInfo info : config.load().info().all()) {
                        if (info.getState() != null) {
                            count++;
                        }
                    }
                    if (count == 0) {
                        System.err.println("flyway info: no migrations found in " + args[3]);
                        System.exit(1);
                    }
                }
                case "validate" -> config.load().validate();
                default -> {
                    System.err.println("FlywayBench: unknown command " + command);
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("flyway " + command + " failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Flyway's loggers setting takes a LogCreator class name: this one keeps only warnings and errors. */
    public static final class Quiet implements LogCreator {
        public Quiet() {
        }

        @Override
        public Log createLogger(Class<?> type) {
            return QUIET;
        }
    }

    /** Drops debug, info and notices; warnings and errors go to stderr. */
    private static final Log QUIET = new Log() {
        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public void debug(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void notice(String message) {
        }

        @Override
        public void warn(String message) {
            System.err.println("flyway WARNING: " + message);
        }

        @Override
        public void error(String message) {
            System.err.println("flyway ERROR: " + message);
        }

        @Override
        public void error(String message, Exception e) {
            System.err.println("flyway ERROR: " + message + ": " + e);
        }
    };
}
