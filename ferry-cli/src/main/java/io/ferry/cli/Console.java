package io.ferry.cli;

import io.ferry.connect.Environment;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What one run of {@code ferry} talks to: its standard output and error (the streams picocli prints
 * help and errors to; they redact passwords), standard output for bytes (an archive), standard input,
 * its environment (libpq's PG* variables, {@code FERRY_HOME}, {@code CKAN_*}, the home folder) and
 * whether its standard error is a terminal. Nothing a command prints or looks up goes around it, so a
 * run can happen inside a JVM that is not its own: the tests run most command lines in-process.
 *
 * <p>Every command reaches it the same way: a {@code @Spec CommandSpec spec} field, then
 * {@code Console console = Console.of(spec);} first in {@code call()}; helpers are handed the console
 * or the stream they print to, never {@code System.out}, {@code System.err} or {@code System.getenv}.
 *
 * @param bytesOut standard output unredacted, for binary data ({@code ferry dump -o -}); never for text
 * @param terminal standard error is a terminal that can redraw a line (progress bars are drawn)
 */
public record Console(PrintStream out, PrintStream err, OutputStream bytesOut, InputStream in, Environment environment,
                      boolean terminal) {
    /** This process's own streams (wrapped to redact passwords), environment and terminal. */
    static Console system() {
        Environment env = Environment.system();
        return new Console(RedactingStream.wrap(System.out), RedactingStream.wrap(System.err),
                new FileOutputStream(FileDescriptor.out), System.in, env, Terminal.stderr(env));
    }

    /** The console of the run a command (or a subcommand at any depth) belongs to. */
    public static Console of(CommandSpec spec) {
        return ((Ferry) spec.root().userObject()).console();
    }
}
