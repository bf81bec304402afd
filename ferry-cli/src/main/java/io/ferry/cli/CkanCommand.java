package io.ferry.cli;

import picocli.CommandLine.Command;

/** {@code ferry ckan ...}: commands of the CKAN pack. */
@Command(name = "ckan", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan generate --db embedded:legacy --datasets 5000 --seed 1", "  ferry ckan sysadmins list --db postgres://ckan@db/ckan",
                "  ferry ckan check --db postgres://ckan@db/ckan --target 2.11"}, mixinStandardHelpOptions = true,
        description = "CKAN pack: generate a legacy catalog for testing; manage what the dgu module demoted; show what "
                + "Ferry reads from a CKAN config; check a catalog against CKAN's rules.",
        subcommands = {CkanGenerateCommand.class, CkanSysadminsCommand.class, CkanConfigCommand.class, CkanCheckCommand.class})
final class CkanCommand {
}
