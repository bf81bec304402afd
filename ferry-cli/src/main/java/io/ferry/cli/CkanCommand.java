package io.ferry.cli;

import picocli.CommandLine.Command;

/** {@code ferry ckan ...}: commands of the CKAN pack. */
@Command(name = "ckan", mixinStandardHelpOptions = true,
        description = "CKAN pack: generate a legacy catalog for testing; manage what the dgu module demoted.",
        subcommands = {CkanGenerateCommand.class, CkanSysadminsCommand.class})
final class CkanCommand {
}
