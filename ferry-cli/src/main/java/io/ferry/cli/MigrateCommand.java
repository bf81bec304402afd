package io.ferry.cli;

import io.ferry.migrate.MigrateOptions;
import io.ferry.migrate.Migration;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationVersion;
import io.ferry.migrate.Migrator;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "migrate", footerHeading = "%nExamples:%n",
        footer = {"  ferry migrate --db postgres://ckan@db/ckan --migrations builtin:ckan", "  ferry migrate -c /etc/ckan/ckan.ini --migrations migrations --target core@86 --dry-run"}, mixinStandardHelpOptions = true,
        description = "Apply pending migrations, module by module in dependency order.")
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Mixin
    MigrationOptions migrations;

    @Option(names = "--module", paramLabel = "NAME", description = "Only this module (its requirements must be met).")
    String module;

    @Option(names = "--target", paramLabel = "MODULE@VERSION", description = "Stop once MODULE has reached VERSION.")
    String target;

    @Option(names = "--dry-run", description = "Print the SQL that would run, in order; change nothing.")
    boolean dryRun;

    @Option(names = "--out-of-order", description = "Also apply files numbered below their module's current version.")
    boolean outOfOrder;

    @Option(names = "--lock-retries", paramLabel = "N", defaultValue = "0",
            description = "Retry a migration that hit --lock-timeout up to N times, with backoff.")
    int lockRetries;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        MigrationSet set = migrations.load();
        MigrateOptions options = migrations.options(Optional.ofNullable(module),
                Optional.ofNullable(target).map(MigrateOptions.Target::parse), dryRun, outOfOrder, lockRetries);
        PrintStream out = console.out();
        PrintStream log = dryRun ? console.err() : console.out();
        long start = System.nanoTime();
        try (Database db = database.open(console)) {
            if (!dryRun) {
                Interruption.during("migrate on " + db.spec().display(), "each migration runs in its own "
                        + "transaction: the one running is rolled back (a no-transaction one stays marked started: see "
                        + "ferry status); run again to apply the rest: " + Interruption.sameCommand());
            }
            Migrator migrator = new Migrator(db.spec(), set, new Progress(out, log));
            Migrator.Result result = migrator.migrate(options);
            long ms = (System.nanoTime() - start) / 1_000_000;
            String versions = result.versions().entrySet().stream()
                    .map(e -> e.getKey() + " at " + e.getValue()).collect(Collectors.joining(", "));
            if (dryRun) {
                log.printf("%d migration%s would run on %s%n", result.applied().size(),
                        result.applied().size() == 1 ? "" : "s", db.spec().display());
            } else if (result.applied().isEmpty()) {
                log.printf("Nothing to apply on %s%s%n", db.spec().display(), versions.isEmpty() ? "" : "; " + versions);
            } else {
                log.printf(Locale.ROOT, "Applied %d migration%s to %s in %.1f s; %s%n", result.applied().size(),
                        result.applied().size() == 1 ? "" : "s", db.spec().display(), ms / 1000.0, versions);
            }
        }
        return 0;
    }

    /** One line per migration; in a dry run the SQL goes to stdout and the rest to stderr. */
    private record Progress(PrintStream out, PrintStream log) implements MigrationListener {
        @Override
        public void baselined(String module, MigrationVersion version, String source) {
            log.printf("%s: baselined at version %s from %s%n", module, version, source);
        }

        @Override
        public void applied(Migration m, long executionMs) {
            log.printf("%s %s  %s  (%d ms)%n", m.module(), m.version(), m.description(), executionMs);
        }

        @Override
        public void retrying(Migration m, int attempt, long delayMs) {
            log.printf("%s %s hit the lock timeout; retry %d in %d ms%n", m.module(), m.version(), attempt, delayMs);
        }

        @Override
        public void wouldApply(Migration m) {
            out.printf("-- module %s, version %s: %s (%s)%s%n", m.module(), m.version(), m.description(), m.script(),
                    m.transactional() ? "" : " [no transaction]");
            out.print(m.preview());
            out.println();
        }
    }
}
