package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.Migrator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", footerHeading = "%nExamples:%n",
        footer = {"  ferry validate --db postgres://ckan@db/ckan --migrations migrations"}, mixinStandardHelpOptions = true,
        description = "Check applied migrations against the files: changed, missing, failed, out of order "
                + "(exit 3 if any).")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

    @Mixin
    MigrationOptions migrations;

    @Override
    public Integer call() {
        MigrationSet set = migrations.load();
        try (Database db = database.open()) {
            List<String> problems = new Migrator(db.spec(), set, MigrationListener.NONE).validate();
            if (problems.isEmpty()) {
                int files = set.all().stream().mapToInt(m -> m.migrations().size()).sum();
                System.out.printf("Validated %d migration files in %d modules against %s: no problems%n", files,
                        set.modules().size(), db.spec().display());
                return 0;
            }
            problems.forEach(p -> System.out.println("problem: " + p));
            System.err.printf("ferry: validate found %d problem%s%n", problems.size(), problems.size() == 1 ? "" : "s");
            return ErrorCode.VALIDATION_FAILED.exitCode();
        }
    }
}
