package io.ferry.cli;

import picocli.CommandLine.Command;

/** {@code ferry ckan datastore ...}: commands about a CKAN site's DataStore database. */
@Command(name = "datastore", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan datastore check --db postgres://ckan@db/ckan --datastore postgres://ckan@db/datastore",
                "  ferry ckan datastore check -c /etc/ckan/ckan.ini --json"}, mixinStandardHelpOptions = true,
        description = "The DataStore: check that it agrees with the catalog and that its roles can do what CKAN needs.",
        subcommands = {CkanDatastoreCheckCommand.class})
final class CkanDatastoreCommand {
}
