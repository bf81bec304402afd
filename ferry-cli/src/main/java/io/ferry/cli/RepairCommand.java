package io.ferry.cli;

import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.Migrator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "repair", footerHeading = "%nExamples:%n",
        footer = {"  ferry repair --db postgres://ckan@db/ckan --migrations migrations"}, mixinStandardHelpOptions = true,
        description = "After fixing what a failed migration left behind: remove failed history rows and accept "
                + "changed files.")
final class RepairCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Mixin
    MigrationOptions migrations;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        try (Database db = database.open(console)) {
            // What it changes is printed before it changes it, with the database it changes.
            List<String> actions = new Migrator(db.spec(), migrations.load(), MigrationListener.NONE)
                    .repair(migrations.defaults(), planned -> {
                        if (!planned.isEmpty()) {
                            console.out().println("Repairing " + db.spec().display() + ":");
                            planned.forEach(action -> console.out().println("  " + action));
                        }
                    });
            console.out().println(actions.isEmpty() ? "Nothing to repair on " + db.spec().display()
                    : "Repaired " + db.spec().display());
        }
        return 0;
    }
}
