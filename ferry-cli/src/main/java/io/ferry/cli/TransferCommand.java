package io.ferry.cli;

import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.DatabaseIdentity;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "transfer", footerHeading = "%nExamples:%n",
        footer = {"  ferry transfer --from postgres://ckan@old-db/ckan --to postgres://ckan@new-db/ckan", "  ferry transfer --from postgres://ckan@old-db/ckan --to postgres://ckan@new-db/ckan --resume", "  ferry transfer --from embedded:a --to embedded:b --exclude-table-data \"*_revision\" --jobs 4"}, mixinStandardHelpOptions = true,
        description = "Copy a database to another: schema, data in parallel, indexes, keys; verified and resumable.")
final class TransferCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "URL", description = "The source database.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "The target database (must be empty).")
    String to;

    @Mixin
    CopyOptions copy;

    @Mixin
    TableOptions tables;

    @Mixin
    TargetOptions targetOptions;

    @Mixin
    RoleOptions roles;

    @Option(names = "--keep-owners", description = "Keep object owners (default: the target user owns everything).")
    boolean keepOwners;

    @Option(names = "--keep-grants", description = "Keep grants (default: none, as pg_dump -x).")
    boolean keepGrants;

    @Option(names = "--text", description = "Use text COPY instead of binary.")
    boolean text;

    @Option(names = "--drop-oids", description = "Move tables WITH OIDS (PostgreSQL 11 and older) without their "
            + "oid column, which PostgreSQL 12 and later do not have (refused otherwise).")
    boolean dropOids;

    @Option(names = "--stall-timeout", paramLabel = "SECONDS", defaultValue = "" + TransferOptions.DEFAULT_STALL_SECONDS,
            description = "Abort a chunk's copy that moves no data for this long (a stalled connection); "
                    + "default ${DEFAULT-VALUE}. Rerun with --resume.")
    int stallTimeout;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        long start = System.nanoTime();
        try (Database source = Database.resolve(from, null, console.environment());
             Database target = Database.resolve(to, null, console.environment())) {
            // Before anything else, and before --clean lists what it would drop: the source itself.
            DatabaseIdentity.requireDistinct(source.spec(), target.spec(), "transfer");
            TransferOptions options = new TransferOptions(copy.jobs(), copy.verify, targetOptions.resume,
                    targetOptions.clean(target.spec(), console.err()), keepOwners, keepGrants, copy.excludeTableData,
                    copy.chunkBytes(), !text).withTables(tables.include, tables.exclude).withStallSeconds(stallTimeout)
                    .withDropOids(dropOids).withRoles(roles.roles());
            Interruption.during("the transfer into " + target.spec().display(), "the target keeps every chunk "
                    + "copied so far; resume with: " + Interruption.resumeCommand());
            CopyProgress progress = CopyProgress.on(console);
            Transfer.Report report;
            try {
                report = new Transfer(source.spec(), target.spec(), options, progress).run();
            } catch (RuntimeException e) {
                throw progress.explained(e, target.spec().display(), "free space there, then: "
                        + Interruption.resumeCommand());
            }
            progress.closeBar();
            print(report, progress, copy, "transfer", "Transferred", (System.nanoTime() - start) / 1e9,
                    console.out());
            failUnlessOk(report, console.err());
        }
        return 0;
    }

    /** Lists what does not match on standard error and fails with VALIDATION_FAILED (exit 3). */
    static void failUnlessOk(Transfer.Report report, PrintStream err) {
        if (!report.ok()) {
            report.mismatches().forEach(m -> err.println("mismatch: " + m));
            report.schemaDifferences().forEach(d -> err.println("schema: " + d));
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "the target does not match the source ("
                    + report.mismatches().size() + " data and " + report.schemaDifferences().size()
                    + " schema differences); rerun with --resume after fixing the cause, or --clean --yes");
        }
    }

    /** The final report on standard output: the per-table table and a summary line, or JSON. */
    static void print(Transfer.Report report, CopyProgress progress, CopyOptions copy, String command, String verb,
                      double seconds, PrintStream stdout) {
        CopyReport out = new CopyReport(command, copy.verify).tables(report.tables(), progress)
                .structureOnly(report.excluded()).verification(report.mismatches(), report.schemaDifferences())
                .with("resumed", report.resumed()).with("sequences", report.sequences());
        if (copy.json) {
            out.printJson(stdout, seconds);
            return;
        }
        out.printTable(stdout);
        stdout.printf(Locale.ROOT, "%s %s in %s in %.1f s, %,.1f tables/s (%s); %s set; %s%n", verb,
                Counts.of(out.rows(), "row"), Counts.of(report.tables().size(), "table"), seconds,
                seconds > 0 ? report.tables().size() / seconds : 0.0,
                report.resumed() ? "resumed" : "fresh", Counts.of(report.sequences(), "sequence"), report.ok() ? "data and schema verified" : "VERIFICATION FAILED");
    }
}
