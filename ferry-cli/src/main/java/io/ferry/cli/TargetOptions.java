package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.transfer.CleanPreview;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** What to do with a target that is not empty: refuse (default), continue, or wipe it. */
final class TargetOptions {
    @Option(names = "--resume", description = "Finish a run that stopped, redoing only unfinished parts.")
    boolean resume;

    @Option(names = "--clean", description = "Drop everything in the target first: lists what it drops, then asks "
            + "on a terminal; elsewhere needs --yes.")
    boolean clean;

    @Option(names = "--yes", description = "Confirm --clean without asking.")
    boolean yes;

    /**
     * Whether to clean the target. With {@code --clean}, first says on standard error exactly what will
     * be dropped and where (on {@code err}); then goes on with {@code --yes}, asks on a terminal, and refuses
     * elsewhere.
     */
    boolean clean(ConnectionSpec target, PrintStream err) {
        if (!clean) {
            return false;
        }
        if (resume) {
            throw new FerryException(ErrorCode.USAGE, "--resume and --clean contradict each other");
        }
        List<String> doomed = CleanPreview.of(target);
        err.println("--clean drops on " + target.display() + ": "
                + (doomed.isEmpty() ? "nothing (no schemas)" : String.join(", ", doomed)));
        if (yes) {
            return true;
        }
        java.io.Console terminal = System.console();
        if (terminal == null) {
            throw new FerryException(ErrorCode.USAGE, "--clean drops everything listed above; add --yes to confirm "
                    + "(not asking: no terminal); nothing was changed");
        }
        String answer = terminal.readLine("Drop all of it? Type yes to go on: ");
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
            throw new FerryException(ErrorCode.USAGE, "--clean not confirmed; nothing was changed");
        }
        return true;
    }
}
