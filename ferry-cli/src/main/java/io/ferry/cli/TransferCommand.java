package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.transfer.Checksum;
import io.ferry.transfer.Chunk;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Copy a database to another: schema, data in parallel, indexes, keys; verified and resumable.")
final class TransferCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "URL", description = "The source database.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "The target database (must be empty).")
    String to;

    @Mixin
    CopyOptions copy;

    @Mixin
    TargetOptions targetOptions;

    @Option(names = "--keep-owners", description = "Keep object owners (default: the target user owns everything).")
    boolean keepOwners;

    @Option(names = "--keep-grants", description = "Keep grants (default: none, as pg_dump -x).")
    boolean keepGrants;

    @Option(names = "--text", description = "Use text COPY instead of binary.")
    boolean text;

    @Option(names = "--stall-timeout", paramLabel = "SECONDS", defaultValue = "" + TransferOptions.DEFAULT_STALL_SECONDS,
            description = "Abort a chunk's copy that moves no data for this long (a stalled connection); "
                    + "default ${DEFAULT-VALUE}. Rerun with --resume.")
    int stallTimeout;

    @Override
    public Integer call() {
        TransferOptions options = new TransferOptions(copy.jobs(), copy.verify, targetOptions.resume,
                targetOptions.clean(), keepOwners, keepGrants, copy.excludeTableData, copy.chunkBytes(), !text, stallTimeout);
        long start = System.nanoTime();
        try (Database source = Database.resolve(from, null); Database target = Database.resolve(to, null)) {
            Transfer.Report report = new Transfer(source.spec(), target.spec(), options, new Progress(System.out)).run();
            print(report, "Transferred", (System.nanoTime() - start) / 1e9);
            failUnlessOk(report);
        }
        return 0;
    }

    /** Lists what does not match on standard error and fails with VALIDATION_FAILED (exit 3). */
    static void failUnlessOk(Transfer.Report report) {
        if (!report.ok()) {
            report.mismatches().forEach(m -> System.err.println("mismatch: " + m));
            report.schemaDifferences().forEach(d -> System.err.println("schema: " + d));
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "the target does not match the source ("
                    + report.mismatches().size() + " data and " + report.schemaDifferences().size()
                    + " schema differences); rerun with --resume after fixing the cause, or --clean --yes");
        }
    }

    static void print(Transfer.Report report, String verb, double seconds) {
        Table table = new Table("table", "rows", "checksum");
        long rows = 0;
        for (Map.Entry<String, Checksum> e : report.tables().entrySet()) {
            table.row(e.getKey(), e.getValue().rows(), e.getValue().hex());
            rows += e.getValue().rows();
        }
        report.excluded().forEach(t -> table.row(t, "structure only", "-"));
        table.print(System.out);
        System.out.printf(Locale.ROOT, "%s %d rows in %d tables in %.1f s (%s); %d sequences set; %s%n", verb, rows,
                report.tables().size(), seconds, report.resumed() ? "resumed" : "fresh", report.sequences(),
                report.ok() ? "data and schema verified" : "VERIFICATION FAILED");
    }

    /** One line per phase, and one per finished chunk. */
    static final class Progress implements Transfer.Listener {
        private final PrintStream out;
        private final Map<String, AtomicLong> rowsByTable = new ConcurrentHashMap<>();
        private final Map<String, AtomicLong> chunksByTable = new ConcurrentHashMap<>();

        Progress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void phase(String description) {
            out.println(description);
        }

        @Override
        public void note(String line) {
            out.println("  " + line);
        }

        @Override
        public void chunkCopied(Chunk chunk, long rows) {
            long total = rowsByTable.computeIfAbsent(chunk.table(), t -> new AtomicLong()).addAndGet(rows);
            long chunks = chunksByTable.computeIfAbsent(chunk.table(), t -> new AtomicLong()).incrementAndGet();
            if (chunk.of() == 1) {
                out.printf("  %s: %d rows%n", chunk.table(), total);
            } else {
                out.printf("  %s: %d rows (chunk %d of %d done)%n", chunk.label(), rows, chunks, chunk.of());
            }
        }
    }
}
