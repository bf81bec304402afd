package io.ferry.cli;

import io.ferry.connect.Secrets;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What to say when Ctrl-C (SIGINT) or SIGTERM stops a long command: one line naming what was
 * interrupted and how to go on. The JVM runs shutdown hooks on those signals and then exits with 128
 * plus the signal's number (130, 143); a command that ends by itself is {@link #clear() cleared}
 * first, so the hook stays silent then. Signals stop the whole process, so this is the process's one
 * state: each run names its command line and standard error when it starts.
 */
final class Interruption {
    private static volatile String advice;
    private static volatile String[] commandLine = new String[0];
    private static volatile PrintStream err = System.err;
    private static volatile boolean hooked;

    private Interruption() {
    }

    /** From now until {@link #clear()}, a signal prints {@code ferry: interrupted ...; <advice>}. */
    static synchronized void during(String what, String howToGoOn) {
        advice = "interrupted " + what + "; " + howToGoOn;
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                String line = advice;
                if (line != null) {
                    PrintStream err = Interruption.err;
                    err.println("ferry: " + Secrets.redact(line));
                    err.flush();
                }
            }, "ferry-interrupted"));
            hooked = true;
        }
    }

    /** The command line being run (what {@link #resumeCommand()} starts from) and where the run prints errors. */
    static void commandLine(String[] args, PrintStream standardError) {
        commandLine = args.clone();
        err = standardError;
    }

    /** The command ended by itself (with success or an error of its own). */
    static void clear() {
        advice = null;
    }

    /** The command line being run, again, as typed. */
    static String sameCommand() {
        List<String> kept = new ArrayList<>();
        for (String arg : commandLine) {
            kept.add(quoted(arg));
        }
        return "ferry " + String.join(" ", kept);
    }

    /**
     * The command line to run again with {@code --resume}: the given arguments, without what starts
     * over ({@code --clean}, {@code --yes}, {@code --from-step NAME}). Passwords are left to the redaction
     * of standard error, so a password typed in a URL shows as {@code ***}.
     */
    static String resumeCommand() {
        String[] args = commandLine;
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--clean") || arg.equals("--yes") || arg.equals("--resume")
                    || arg.startsWith("--from-step=")) {
                continue;
            }
            if (arg.equals("--from-step")) {
                i++;
                continue;
            }
            kept.add(quoted(arg));
        }
        kept.add("--resume");
        return "ferry " + String.join(" ", kept);
    }

    /** Quoted for a POSIX shell when it needs to be. */
    static String quoted(String arg) {
        return arg.matches("[A-Za-z0-9_@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
