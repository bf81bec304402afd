package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import picocli.CommandLine.Option;

/** What to do with a target that is not empty: refuse (default), continue, or wipe it. */
final class TargetOptions {
    @Option(names = "--resume", description = "Finish a run that stopped, redoing only unfinished parts.")
    boolean resume;

    @Option(names = "--clean", description = "Drop everything in the target first (needs --yes).")
    boolean clean;

    @Option(names = "--yes", description = "Confirm --clean.")
    boolean yes;

    /** --clean without --yes is refused: it drops everything in the target. */
    boolean clean() {
        if (clean && !yes) {
            throw new FerryException(ErrorCode.USAGE, "--clean drops everything in the target; add --yes to confirm");
        }
        return clean;
    }
}
