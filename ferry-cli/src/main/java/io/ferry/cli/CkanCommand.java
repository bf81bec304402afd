package io.ferry.cli;

import picocli.CommandLine.Command;

/** {@code ferry ckan ...}: commands of the CKAN pack. */
@Command(name = "ckan", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan generate --db embedded:legacy --datasets 5000 --seed 1",
                "  ferry ckan check --db postgres://ckan@db/ckan --target 2.11",
                "  ferry ckan datastore check --db postgres://ckan@db/ckan --datastore postgres://ckan@db/datastore"},
        mixinStandardHelpOptions = true,
        description = "CKAN pack: generate a catalog (and DataStore) for testing; check a catalog against CKAN's rules and "
                + "against its DataStore; manage what the "
                + "dgu module demoted or changed; show what Ferry reads from a CKAN config.",
        subcommands = {CkanGenerateCommand.class, CkanCheckCommand.class, CkanDatastoreCommand.class, CkanSysadminsCommand.class,
                CkanEmailsCommand.class, CkanConfigCommand.class})
final class CkanCommand {
}
