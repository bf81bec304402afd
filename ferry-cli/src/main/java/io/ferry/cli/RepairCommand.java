package io.ferry.cli;

import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.Migrator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "repair", footerHeading = "%nExamples:%n",
        footer = {"  ferry repair --db postgres://ckan@db/ckan --migrations migrations"}, mixinStandardHelpOptions = true,
        description = "After fixing what a failed migration left behind: remove failed history rows and accept "
                + "changed files.")
final class RepairCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

    @Mixin
    MigrationOptions migrations;

    @Override
    public Integer call() {
        try (Database db = database.open()) {
            // What it changes is printed before it changes it, with the database it changes.
            List<String> actions = new Migrator(db.spec(), migrations.load(), MigrationListener.NONE)
                    .repair(migrations.defaults(), planned -> {
                        if (!planned.isEmpty()) {
                            System.out.println("Repairing " + db.spec().display() + ":");
                            planned.forEach(action -> System.out.println("  " + action));
                        }
                    });
            System.out.println(actions.isEmpty() ? "Nothing to repair on " + db.spec().display()
                    : "Repaired " + db.spec().display());
        }
        return 0;
    }
}
