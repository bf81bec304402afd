package io.ferry.cli;

import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationVersion;
import io.ferry.migrate.Migrator;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

// Its own --version (the version to baseline at) takes the place of the standard -V/--version.
@Command(name = "baseline", footerHeading = "%nExamples:%n",
        footer = {"  ferry baseline --db postgres://ckan@db/ckan --migrations builtin:ckan --module core", "  ferry baseline -c /etc/ckan/ckan.ini --migrations migrations --module harvest --version 6"},
        description = "Mark a module as being at a version without running anything. With no --version, read it "
                + "from the tables the module's baseline= names (e.g. a plugin's activity_alembic_version), "
                + "else from CKAN's migrate_version or alembic_version table.")
final class BaselineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Mixin
    DatabaseOptions database;

    @Mixin
    MigrationOptions migrations;

    @Option(names = "--module", required = true, paramLabel = "NAME", description = "The module to baseline.")
    String module;

    @Option(names = "--version", paramLabel = "N", description = "The version it is at.")
    String version;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        Optional<MigrationVersion> given = Optional.ofNullable(version).map(MigrationVersion::parse);
        try (Database db = database.open(console)) {
            MigrationVersion at = new Migrator(db.spec(), migrations.load(), MigrationListener.NONE).baseline(module, given, migrations.defaults());
            console.out().printf("Module %s baselined at version %s on %s%n", module, at, db.spec().display());
        }
        return 0;
    }
}
