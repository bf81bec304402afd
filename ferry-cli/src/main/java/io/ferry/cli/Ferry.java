package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.Secrets;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code ferry} command. */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = Ferry.Version.class,
        description = "Moves, upgrades and verifies CKAN catalogs between PostgreSQL databases.",
        subcommands = {
                MigrateCommand.class, StatusCommand.class, ValidateCommand.class, BaselineCommand.class,
                RepairCommand.class, DiffCommand.class, VerifyCommand.class, NewCommand.class,
                TransferCommand.class, DumpCommand.class, LoadCommand.class, CkanCommand.class, ReindexCommand.class,
                DemoCommand.class,
                ServerCommand.class, CommandLine.HelpCommand.class
        })
public final class Ferry {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show progress details, and a stack trace on failure.")
    static boolean verbose;

    public static void main(String[] args) {
        warmUpDriver();
        PrintStream out = RedactingStream.wrap(System.out);
        PrintStream err = RedactingStream.wrap(System.err);
        System.setOut(out);
        System.setErr(err);
        int code = run(args, out, err);
        out.close();
        err.close();
        System.exit(code);
    }

    /**
     * Loads and initialises the JDBC driver on a second core while the command line is parsed: the
     * driver's class initialisation is a few hundred milliseconds of every command's start-up.
     */
    private static void warmUpDriver() {
        Thread warm = new Thread(() -> {
            try {
                Class.forName("org.postgresql.Driver");
            } catch (ClassNotFoundException | LinkageError e) {
                // The first connection will report it.
            }
        }, "ferry-driver-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /** Runs one command line and returns its exit code (what tests call instead of {@link #main}). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Ferry());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, err));
        cli.setParameterExceptionHandler((ParameterException e, String[] ignored) -> {
            err.println("ferry: " + Secrets.redact(e.getMessage()));
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ErrorCode.USAGE.exitCode();
        });
        return cli.execute(args);
    }

    /** One line for the user, the stack trace only with --verbose; the exit code from the error code. */
    private static int report(Exception e, PrintStream err) {
        if (e instanceof FerryException fe) {
            err.println("ferry: " + Secrets.redact(fe.getMessage()));
            if (verbose) {
                e.printStackTrace(err);
            }
            return fe.code().exitCode();
        }
        err.println("ferry: internal error: " + Secrets.redact(String.valueOf(e))
                + (verbose ? "" : " (run with --verbose for details)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        return ErrorCode.INTERNAL.exitCode();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Ferry.class.getPackage().getImplementationVersion();
            return new String[] {"ferry " + (version == null ? "development build" : version)};
        }
    }
}
