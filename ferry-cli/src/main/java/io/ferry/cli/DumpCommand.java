package io.ferry.cli;

import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.transfer.Dump;
import io.ferry.transfer.TransferOptions;
import java.io.BufferedOutputStream;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dump", footerHeading = "%nExamples:%n",
        footer = {"  ferry dump --db postgres://ckan@old-db/ckan -o ckan.ferry", "  ferry dump --db postgres://ckan@old-db/ckan -o - | ssh new-host ferry load --db embedded:ckan -"}, mixinStandardHelpOptions = true,
        description = "Write a database into one portable archive: schema, compressed chunks of rows, and a manifest "
                + "of counts and checksums. Load it with ferry load.")
final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The archive, or - for "
            + "standard output.")
    String output;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Mixin
    CopyOptions copy;

    @Mixin
    TableOptions tables;

    private String archiveDevice(boolean toStdout) {
        return toStdout ? "standard output's device" : Path.of(output).toAbsolutePath().getParent().toString();
    }

    @Override
    public Integer call() throws IOException {
        Console console = Console.of(spec);
        TransferOptions options = new TransferOptions(copy.jobs(), copy.verify, false, false, false, false,
                copy.excludeTableData, copy.chunkBytes(), true).withTables(tables.include, tables.exclude);
        boolean toStdout = output.equals("-");
        if (toStdout && copy.json) {
            throw new FerryException(ErrorCode.USAGE, "--json prints on standard output, where -o - writes the "
                    + "archive: give -o FILE");
        }
        if (!toStdout && Files.exists(Path.of(output)) && !force) {
            throw new FerryException(ErrorCode.USAGE, output + " exists; give --force to replace it, or another -o FILE");
        }
        // With the archive on standard output, the final report goes to standard error too.
        PrintStream log = toStdout ? console.err() : console.out();
        CopyProgress progress = CopyProgress.on(console);
        long start = System.nanoTime();
        try (Database db = database.open(console)) {
            Interruption.during("the dump of " + db.spec().display(), toStdout ? "the archive written is incomplete; "
                    + "run it again" : output + " was not written (remove " + output + ".partial); run it again");
            Dump.Result result;
            if (toStdout) {
                result = Dump.run(db.spec(), console.bytesOut(), options, progress);
            } else {
                // Written beside the target and renamed at the end: a failed dump never leaves a file
                // that looks complete.
                Path target = Path.of(output).toAbsolutePath();
                Path partial = target.resolveSibling(target.getFileName() + ".partial");
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                    result = Dump.run(db.spec(), out, options, progress);
                } catch (RuntimeException | IOException e) {
                    Files.deleteIfExists(partial);
                    throw e;
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            progress.closeBar();
            double seconds = (System.nanoTime() - start) / 1e9;
            CopyReport report = new CopyReport("dump", copy.verify).tables(result.tables(), progress)
                    .structureOnly(result.structureOnly()).with("chunks", result.chunks())
                    .with("compressedBytes", result.bytes()).with("output", output);
            if (copy.json) {
                report.printJson(console.out(), seconds);
            } else {
                report.printTable(log);
                log.printf(Locale.ROOT, "Dumped %s in %s (%.1f MB compressed) in %.1f s%s%n",
                        Counts.of(result.rows(), "row"), Counts.of(result.chunks(), "chunk"), result.bytes() / 1e6, seconds, toStdout ? "" : " to " + output);
            }
        } catch (IOException e) {
            throw progress.explained(new FerryException(ErrorCode.INPUT, "cannot write " + output + ": "
                    + e.getMessage(), e), archiveDevice(toStdout), "free space there, then run it again");
        } catch (RuntimeException e) {
            // Writing the archive fails with an IOException; the server's own full disk with an SQL error.
            boolean local = false;
            for (Throwable t = e; t != null; t = t.getCause()) {
                local |= t instanceof IOException;
            }
            throw progress.explained(e, local ? archiveDevice(toStdout) : "the source's server",
                    "free space there, then run it again");
        }
        return 0;
    }
}
