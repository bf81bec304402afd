package io.ferry.cli;

import picocli.CommandLine.Command;

/** {@code ferry ckan ...}: commands of the CKAN pack. */
@Command(name = "ckan", mixinStandardHelpOptions = true,
        description = "CKAN pack: generate a legacy catalog for testing; manage what the dgu module demoted; show what "
                + "Ferry reads from a CKAN config.",
        subcommands = {CkanGenerateCommand.class, CkanSysadminsCommand.class, CkanConfigCommand.class})
final class CkanCommand {
}
