package io.ferry.cli;

import picocli.CommandLine.Command;

/** {@code ferry ckan ...}: commands of the CKAN pack. */
@Command(name = "ckan", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan generate --db embedded:legacy --datasets 5000 --seed 1",
                "  ferry ckan check --db postgres://ckan@db/ckan --target 2.11",
                "  ferry ckan emails list --db postgres://ckan@db/ckan"}, mixinStandardHelpOptions = true,
        description = "CKAN pack: generate a catalog for testing; check a catalog against CKAN's rules; manage what the "
                + "dgu module demoted or changed; show what Ferry reads from a CKAN config.",
        subcommands = {CkanGenerateCommand.class, CkanCheckCommand.class, CkanSysadminsCommand.class,
                CkanEmailsCommand.class, CkanConfigCommand.class})
final class CkanCommand {
}
