package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.transfer.Dump;
import io.ferry.transfer.TransferOptions;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    @Mixin
    CopyOptions copy;

    @Override
    public Integer call() throws IOException {
        TransferOptions options = new TransferOptions(copy.jobs(), copy.verify, false, false, false, false,
                copy.excludeTableData, copy.chunkBytes(), true);
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
