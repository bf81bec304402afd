package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.Migrator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", footerHeading = "%nExamples:%n",
        footer = {"  ferry validate --db postgres://ckan@db/ckan --migrations migrations"}, mixinStandardHelpOptions = true,
        description = "Check applied migrations against the files: changed, missing, failed, out of order "
                + "(exit 3 if any).")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Mixin
    MigrationOptions migrations;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        MigrationSet set = migrations.load();
        try (Database db = database.open(console)) {
            List<String> problems = new Migrator(db.spec(), set, MigrationListener.NONE).validate();
            if (problems.isEmpty()) {
                int files = set.all().stream().mapToInt(m -> m.migrations().size()).sum();
                console.out().printf("Validated %d migration files in %d modules against %s: no problems%n", files,
                        set.modules().size(), db.spec().display());
                return 0;
            }
            problems.forEach(p -> console.out().println("problem: " + p));
            console.err().printf("ferry: validate found %d problem%s%n", problems.size(),
                    problems.size() == 1 ? "" : "s");
            return ErrorCode.VALIDATION_FAILED.exitCode();
        }
    }
}
