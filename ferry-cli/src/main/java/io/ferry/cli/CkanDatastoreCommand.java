package io.ferry.cli;

import picocli.CommandLine.Command;

/** {@code ferry ckan datastore ...}: commands about a CKAN site's DataStore database. */
@Command(name = "datastore", mixinStandardHelpOptions = true,
        description = "The DataStore: check that it agrees with the catalog and that its roles can do what CKAN needs.",
        subcommands = {CkanDatastoreCheckCommand.class})
final class CkanDatastoreCommand {
}
