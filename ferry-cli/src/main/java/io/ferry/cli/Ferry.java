package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.Secrets;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code ferry} command. */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = Ferry.Version.class,
        description = "Moves, upgrades and verifies CKAN catalogs between PostgreSQL databases.")
public final class Ferry {
    /** Ferry's commands, in the order {@code ferry --help} lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            MigrateCommand.class, StatusCommand.class, ValidateCommand.class, BaselineCommand.class,
            RepairCommand.class, DiffCommand.class, VerifyCommand.class, NewCommand.class, CheckCommand.class,
            TransferCommand.class, DumpCommand.class, LoadCommand.class, CkanCommand.class, ReindexCommand.class,
            RunCommand.class, DemoCommand.class, ServerCommand.class, CommandLine.HelpCommand.class);

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show progress details, and a stack trace on failure.")
    boolean verbose;

    /** The run this command line is: where it prints, what it reads, its environment. */
    private final Console console;

    Ferry(Console console) {
        this.console = console;
    }

    Console console() {
        return console;
    }

    public static void main(String[] args) {
        warmUpDriver();
        Console console = Console.system();
        // What a library prints on its own (a logger) is redacted too.
        System.setOut(console.out());
        System.setErr(console.err());
        int code = run(args, console);
        console.out().close();
        console.err().close();
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

    /**
     * Runs one command line on {@code console} and returns its exit code (what tests call instead of
     * {@link #main}); nothing of one run stays behind for the next.
     */
    public static int run(String[] args, Console console) {
        Ferry ferry = new Ferry(console);
        PrintStream err = console.err();
        CommandLine cli = new CommandLine(ferry);
        for (Class<?> command : commandsFor(args)) {
            cli.addSubcommand(command);
        }
        cli.setOut(new PrintWriter(console.out(), true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Wide enough for the examples' command lines to stay whole.
        cli.setUsageHelpWidth(120);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, err, ferry.verbose));
        cli.setParameterExceptionHandler((ParameterException e, String[] given) -> {
            // A mistyped option is named first, whatever else picocli found missing because of it.
            java.util.Optional<String> typo = UnknownOptions.firstIn(e.getCommandLine().getCommandSpec(), given);
            err.println("ferry: " + Secrets.redact(typo.orElse(e.getMessage())));
            if (typo.isEmpty() && e instanceof UnmatchedArgumentException unmatched) {
                UnmatchedArgumentException.printSuggestions(unmatched, err); // "Did you mean: ferry status?"
            }
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ErrorCode.USAGE.exitCode();
        });
        Interruption.commandLine(args, err);
        try {
            return cli.execute(args);
        } finally {
            Interruption.clear();
        }
    }

    /**
     * The commands to build for this command line: only the one it names when it names one, else all
     * (for help, and for picocli's "did you mean" on a misspelt name). Picocli builds each command's
     * model by reflection, and building all of them was the larger part of every start-up.
     */
    static List<Class<?>> commandsFor(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue; // an option of ferry itself, such as --verbose
            }
            for (Class<?> command : COMMANDS) {
                if (command != CommandLine.HelpCommand.class
                        && command.getAnnotation(Command.class).name().equals(arg)) {
                    return List.of(command);
                }
            }
            break;
        }
        return COMMANDS;
    }

    /** One line for the user, the stack trace only with --verbose; the exit code from the error code. */
    private static int report(Exception e, PrintStream err, boolean verbose) {
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

    /** "ferry 0.1.0-SNAPSHOT (commit 60f3d04, 2026-12-05)", from what the build recorded. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.Properties build = new java.util.Properties();
            try (java.io.InputStream in = Ferry.class.getClassLoader().getResourceAsStream("ferry/build.properties")) {
                if (in != null) {
                    build.load(in);
                }
            } catch (java.io.IOException e) {
                // Said below as an unknown version.
            }
            String version = build.getProperty("git.build.version", "unknown version");
            String commit = build.getProperty("git.commit.id.abbrev");
            return new String[] {"ferry " + version + " (" + (commit == null ? "commit unknown"
                    : "commit " + commit + ("true".equals(build.getProperty("git.dirty")) ? " with local changes" : "")
                    + ", " + build.getProperty("git.commit.time", "")) + ")"};
        }
    }
}
