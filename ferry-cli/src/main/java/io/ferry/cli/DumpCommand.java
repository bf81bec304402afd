package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.transfer.Dump;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Write a database into one portable archive: schema, compressed chunks of rows, and a manifest "
                + "of counts and checksums. Load it with ferry load.")
final class DumpCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The archive, or - for "
            + "standard output.")
    String output;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel readers (default: the number of cores).")
    Integer jobs;

    @Option(names = "--verify", paramLabel = "MODE", defaultValue = "checksums",
            description = "counts or checksums: what the manifest records for each chunk (default: ${DEFAULT-VALUE}).")
    Verify verify;

    @Option(names = "--exclude-table-data", paramLabel = "PATTERN", split = ",",
            description = "Dump these tables' structure only (schema.table or table; * and ? match).")
    List<String> excludeTableData = new ArrayList<>();

    @Option(names = "--split-larger-than", paramLabel = "SIZE", defaultValue = "256MB",
            description = "Tables larger than this go in chunks of about this size (default: ${DEFAULT-VALUE}).")
    String splitLargerThan;

    @Override
    public Integer call() throws IOException {
        TransferOptions options = new TransferOptions(jobs == null ? Runtime.getRuntime().availableProcessors() : jobs,
                verify, false, false, false, false, excludeTableData,
                Sizes.parse(splitLargerThan, "--split-larger-than"), true);
        boolean toStdout = output.equals("-");
        // With the archive on standard output, progress goes to standard error.
        PrintStream log = toStdout ? System.err : System.out;
        long start = System.nanoTime();
        try (Database db = database.open()) {
            Dump.Result result;
            if (toStdout) {
                result = Dump.run(db.spec(), new FileOutputStream(java.io.FileDescriptor.out),
                        options, new TransferCommand.Progress(log));
            } else {
                // Written beside the target and renamed at the end: a failed dump never leaves a file
                // that looks complete.
                Path target = Path.of(output).toAbsolutePath();
                Path partial = target.resolveSibling(target.getFileName() + ".partial");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                    result = Dump.run(db.spec(), out, options, new TransferCommand.Progress(log));
                } catch (RuntimeException | IOException e) {
                    Files.deleteIfExists(partial);
                    throw e;
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            log.printf(Locale.ROOT, "Dumped %d rows in %d chunks (%.1f MB compressed) in %.1f s%s%n", result.rows(),
                    result.chunks(), result.bytes() / 1e6, (System.nanoTime() - start) / 1e9,
                    toStdout ? "" : " to " + output);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot write " + output + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
