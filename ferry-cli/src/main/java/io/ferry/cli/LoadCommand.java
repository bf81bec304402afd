package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.ScriptRunner;
import io.ferry.transfer.ArchiveLoad;
import io.ferry.transfer.PlainDumpLoad;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load a Ferry dump archive (in parallel, resumable) or a plain pg_dump file (.sql, .sql.gz; in "
                + "one transaction) into an empty database. - reads standard input.")
final class LoadCommand implements Callable<Integer> {
    private static final byte[] ARCHIVE = "FERRYDUMP1\n".getBytes(StandardCharsets.US_ASCII);

    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", paramLabel = "FILE", description = "A Ferry archive, a .sql or .sql.gz dump, or -.")
    String file;

    @Mixin
    CopyOptions copy;

    @Mixin
    TargetOptions targetOptions;

    @Override
    public Integer call() throws IOException {
        TransferOptions options = new TransferOptions(copy.jobs(), copy.verify, targetOptions.resume,
                targetOptions.clean(), false, false, copy.excludeTableData, TransferOptions.DEFAULT_CHUNK_BYTES, true);
        if (!copy.include.isEmpty() || !copy.exclude.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "--include/--exclude apply to transfer and dump; a load "
                    + "takes what the dump holds");
        }
        boolean stdin = file.equals("-");
        InputStream in = new BufferedInputStream(stdin ? new FileInputStream(java.io.FileDescriptor.in) : open(file),
                1 << 16);
        in.mark(ARCHIVE.length);
        boolean archive = Arrays.equals(in.readNBytes(ARCHIVE.length), ARCHIVE);
        in.reset();
        long start = System.nanoTime();
        try (Database db = database.open()) {
            // With --json, standard output holds the JSON alone.
            (copy.json ? System.err : System.out).println("Loading " + (stdin ? "standard input" : file) + " into "
                    + db.spec().display());
            if (archive) {
                Transfer.Report report;
                CopyProgress progress = CopyProgress.onStandardError();
                if (stdin) {
                    report = ArchiveLoad.fromStream(db.spec(), in, "stdin", options, progress);
                } else {
                    in.close();
                    report = ArchiveLoad.fromFile(db.spec(), Path.of(file), options, progress);
                }
                progress.closeBar();
                TransferCommand.print(report, progress, copy, "load", "Loaded", (System.nanoTime() - start) / 1e9);
                TransferCommand.failUnlessOk(report);
            } else {
                loadPlain(db, in, stdin ? "stdin" : file, options, start);
            }
        } finally {
            in.close();
        }
        return 0;
    }

    private void loadPlain(Database db, InputStream in, String name, TransferOptions options, long start)
            throws IOException {
        if (targetOptions.resume) {
            throw new FerryException(ErrorCode.USAGE, "--resume applies to Ferry archives; a plain dump loads in one "
                    + "transaction, so after a failure just load it again");
        }
        Reader dump = stdinOrFile(in, name);
        PlainDumpLoad.Result result = PlainDumpLoad.load(db.spec(), dump, name, options, System.err::println);
        double seconds = (System.nanoTime() - start) / 1e9;
        CopyReport report = new CopyReport("load", io.ferry.transfer.Verify.NONE).rows(result.rowsByTable())
                .structureOnly(List.copyOf(result.structureOnly())).with("statements", result.statements())
                .with("triggersOff", result.triggersOff());
        if (copy.json) {
            report.printJson(System.out, seconds);
            return;
        }
        long rows = report.rows();
        System.out.printf(Locale.ROOT, "Loaded %d rows into %d tables (%d structure only) with %d statements in "
                        + "%.1f s%s%n", rows, result.rowsByTable().size(), result.structureOnly().size(),
                result.statements(), seconds,
                result.triggersOff() ? "; triggers and FK checks were off for the load" : "");
    }

    /** A plain dump as text, gunzipped when it starts with gzip's magic bytes. */
    private static Reader stdinOrFile(InputStream in, String name) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream data = b1 == 0x1f && b2 == 0x8b ? ScriptRunner.gunzip(in, name) : in;
        return new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8), 1 << 16);
    }

    private static InputStream open(String file) throws IOException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new FerryException(ErrorCode.INPUT, "file " + file + " does not exist");
        }
        return Files.newInputStream(path);
    }
}
