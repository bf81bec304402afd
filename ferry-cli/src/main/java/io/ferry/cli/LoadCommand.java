package io.ferry.cli;

import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.pgdump.PgDumpArchive;
import io.ferry.embedded.EmbeddedServer;
import io.ferry.pgdump.PgDumpLoad;
import io.ferry.sql.ScriptRunner;
import io.ferry.transfer.ArchiveLoad;
import io.ferry.transfer.DumpFormat;
import io.ferry.transfer.PlainDumpLoad;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "load", footerHeading = "%nExamples:%n",
        footer = {"  ferry load --db postgres://ckan@new-db/ckan ckan.ferry --jobs 4", "  ferry load --db postgres://ckan@new-db/ckan ckan.dump", "  ferry load --list ckan.dump"}, mixinStandardHelpOptions = true,
        description = "Load a Ferry dump archive or a pg_dump archive (-Fc file, -Fd directory, -Ft file; these in "
                + "parallel, resumable), or a plain pg_dump file (.sql, .sql.gz; in one transaction) into an empty "
                + "database. - reads standard input (not a pg_dump archive).")
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", paramLabel = "FILE", description = "A Ferry archive, a .sql or .sql.gz dump, a pg_dump "
            + "archive (custom, directory or tar), or -.")
    String file;

    @Option(names = "--list", description = "List a pg_dump archive's contents (like pg_restore -l) instead of "
            + "loading it; with --json as JSON.")
    boolean list;

    @Mixin
    CopyOptions copy;

    @Mixin
    TargetOptions targetOptions;

    @Mixin
    RoleOptions roles;

    @Option(names = "--keep-owners", description = "pg_dump archives: give every object the owner the archive "
            + "records, as pg_restore without -O (default: the target user owns everything); the roles must exist "
            + "on the target.")
    boolean keepOwners;

    @Option(names = "--keep-grants", description = "pg_dump archives: apply the archive's grants and default "
            + "privileges, as pg_restore without -x (default: none); the grantees must exist on the target.")
    boolean keepGrants;

    /** A pg_dump archive's tables can be chosen; Ferry's archive holds what its dump chose. */
    @Mixin
    TableOptions tables;

    @Override
    public Integer call() throws IOException {
        Console console = Console.of(spec);
        boolean stdin = file.equals("-");
        if (!stdin && !Files.exists(Path.of(file))) {
            throw new FerryException(ErrorCode.INPUT, "file " + file + " does not exist");
        }
        boolean directory = !stdin && Files.isDirectory(Path.of(file));
        if (directory) {
            DumpFormat.of(Path.of(file)).requireLoadable(file);
        }
        InputStream in = new BufferedInputStream(stdin ? console.in() : directory ? InputStream.nullInputStream()
                : Files.newInputStream(Path.of(file)), 1 << 16);
        DumpFormat format = directory ? DumpFormat.PG_DUMP_DIRECTORY : DumpFormat.of(peek(in));
        if (format == DumpFormat.BINARY && file.endsWith(".dump")) {
            in.close();
            PgDumpArchive.open(Path.of(file)); // names what is wrong with a damaged pg_dump archive
        }
        format.requireLoadable(file);
        if (format.pgDumpArchive() && stdin) {
            in.close();
            throw new FerryException(ErrorCode.INPUT, "standard input holds " + format.what() + "; Ferry reads those "
                    + "from a file or directory: ferry load --db URL FILE");
        }
        if (list) {
            in.close();
            if (!format.pgDumpArchive()) {
                throw new FerryException(ErrorCode.USAGE, "--list reads pg_dump archives (custom, directory or tar); "
                        + (stdin ? "standard input" : file) + " is " + format.what());
            }
            PgDumpListing.print(PgDumpArchive.open(Path.of(file)), copy.json, console.out());
            return 0;
        }
        if (roles.roles().any() && format != DumpFormat.FERRY_ARCHIVE && !format.pgDumpArchive()) {
            in.close();
            throw new FerryException(ErrorCode.USAGE, "--owner and --grant-read apply to Ferry and pg_dump archives; "
                    + (stdin ? "standard input" : file) + " is " + format.what());
        }
        if ((keepOwners || keepGrants) && !format.pgDumpArchive()) {
            // A Ferry archive holds what its dump chose; a plain dump's script sets what it sets.
            in.close();
            throw new FerryException(ErrorCode.USAGE, "--keep-owners and --keep-grants apply to pg_dump archives; "
                    + (stdin ? "standard input" : file) + " is " + format.what());
        }
        if ((!tables.include.isEmpty() || !tables.exclude.isEmpty()) && !format.pgDumpArchive()) {
            in.close();
            throw new FerryException(ErrorCode.USAGE, "--include and --exclude apply to pg_dump archives; "
                    + (stdin ? "standard input" : file) + " is " + format.what());
        }
        PgDumpArchive archive = format.pgDumpArchive() ? PgDumpArchive.open(Path.of(file)) : null;
        if (archive != null && copy.verify == Verify.CHECKSUMS) {
            copy.verify = Verify.COUNTS; // a pg_dump archive holds no checksums: rows read against rows loaded
        }
        long start = System.nanoTime();
        // The archive's schema is read on a throwaway server: it starts while the target is reached.
        Path templates = FerryHome.clusterTemplates(console.environment());
        CompletableFuture<EmbeddedServer> modelServer = archive == null ? null
                : CompletableFuture.supplyAsync(() -> PgDumpLoad.modelServer(archive, templates));
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] stopping = new CompletableFuture[1];
        try (Database db = database.open(console)) {
            TransferOptions options = new TransferOptions(copy.jobs(), copy.verify, targetOptions.resume,
                    targetOptions.clean(db.spec(), console.err()), keepOwners, keepGrants, copy.excludeTableData,
                    TransferOptions.DEFAULT_CHUNK_BYTES, true).withRoles(roles.roles())
                    .withTables(tables.include, tables.exclude);
            // With --json, standard output holds the JSON alone.
            (copy.json ? console.err() : console.out()).println("Loading " + (stdin ? "standard input" : file)
                    + " into "
                    + db.spec().display());
            if ((format == DumpFormat.FERRY_ARCHIVE && !stdin) || archive != null) {
                Interruption.during("the load into " + db.spec().display(), "the target keeps every chunk loaded "
                        + "so far; resume with: " + Interruption.resumeCommand());
            } else {
                Interruption.during("the load into " + db.spec().display(), "it loads in one transaction, which "
                        + "the server rolls back: nothing was loaded; run it again");
            }
            if (format == DumpFormat.FERRY_ARCHIVE) {
                Transfer.Report report;
                CopyProgress progress = CopyProgress.on(console);
                try {
                    if (stdin) {
                        report = ArchiveLoad.fromStream(db.spec(), in, "stdin", options, progress);
                    } else {
                        in.close();
                        report = ArchiveLoad.fromFile(db.spec(), Path.of(file), options, progress);
                    }
                } catch (RuntimeException e) {
                    throw progress.explained(e, db.spec().display(), stdin ? "free space there, then load it again"
                            : "free space there, then: " + Interruption.resumeCommand());
                }
                progress.closeBar();
                TransferCommand.print(report, progress, copy, "load", "Loaded", (System.nanoTime() - start) / 1e9,
                        console.out());
                TransferCommand.failUnlessOk(report, console.err());
            } else if (archive != null) {
                in.close();
                Transfer.Report report;
                CopyProgress progress = CopyProgress.on(console);
                try {
                    EmbeddedServer server = EmbeddedServer.await(modelServer);
                    PgDumpLoad.Model model;
                    try {
                        model = PgDumpLoad.model(archive, server, PgDumpLoad.Owners.of(options, db.spec()), progress);
                    } finally {
                        // Its work is done: it stops while the archive loads.
                        stopping[0] = CompletableFuture.runAsync(server::close);
                    }
                    report = PgDumpLoad.load(db.spec(), archive, model, options, progress);
                } catch (RuntimeException e) {
                    throw progress.explained(e, db.spec().display(), "free space there, then: "
                            + Interruption.resumeCommand());
                }
                progress.closeBar();
                TransferCommand.print(report, progress, copy, "load", "Loaded", (System.nanoTime() - start) / 1e9,
                        console.out());
                TransferCommand.failUnlessOk(report, console.err());
            } else {
                loadPlain(db, in, stdin ? "stdin" : file, options, start, console);
            }
        } finally {
            in.close();
            if (stopping[0] != null) {
                stopping[0].join();
            } else if (modelServer != null) {
                try {
                    EmbeddedServer.await(modelServer).close();
                } catch (RuntimeException e) {
                    // It did not start: the load has said so already, or failed before it needed it.
                }
            }
        }
        return 0;
    }

    private void loadPlain(Database db, InputStream in, String name, TransferOptions options, long start,
                           Console console)
            throws IOException {
        if (targetOptions.resume) {
            throw new FerryException(ErrorCode.USAGE, "--resume applies to Ferry archives; a plain dump loads in one "
                    + "transaction, so after a failure just load it again");
        }
        Reader dump = stdinOrFile(in, name);
        print(PlainDumpLoad.load(db.spec(), dump, name, options, console.err()::println), start, console.out());
    }

    private void print(PlainDumpLoad.Result result, long start, PrintStream out) {
        double seconds = (System.nanoTime() - start) / 1e9;
        CopyReport report = new CopyReport("load", io.ferry.transfer.Verify.NONE).rows(result.rowsByTable())
                .structureOnly(List.copyOf(result.structureOnly())).with("statements", result.statements())
                .with("triggersOff", result.triggersOff());
        if (copy.json) {
            report.printJson(out, seconds);
            return;
        }
        long rows = report.rows();
        out.printf(Locale.ROOT, "Loaded %s into %s (%d structure only) with %s in "
                        + "%.1f s%s%n", Counts.of(rows, "row"), Counts.of(result.rowsByTable().size(), "table"), result.structureOnly().size(),
                Counts.of(result.statements(), "statement"), seconds,
                result.triggersOff() ? "; triggers and FK checks were off for the load" : "");
    }

    /**
     * A plain dump as text, gunzipped when it starts with gzip's magic bytes; what the gzip holds is
     * checked like the file itself (a gzipped custom-format archive is refused, not read as SQL).
     */
    private static Reader stdinOrFile(InputStream in, String name) throws IOException {
        InputStream data = in;
        if (DumpFormat.of(peek(in)) == DumpFormat.GZIP_SQL) {
            data = new BufferedInputStream(ScriptRunner.gunzip(in, name), 1 << 16);
            DumpFormat inside = DumpFormat.of(peek(data));
            if (inside != DumpFormat.PLAIN_SQL && inside != DumpFormat.EMPTY) {
                throw new FerryException(ErrorCode.INPUT, name + " is gzip-compressed and holds " + inside.what()
                        + "; gunzip it first");
            }
        }
        return new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), 1 << 16);
    }

    private static byte[] peek(InputStream in) throws IOException {
        in.mark(DumpFormat.HEAD_BYTES);
        byte[] head = in.readNBytes(DumpFormat.HEAD_BYTES);
        in.reset();
        return head;
    }
}
