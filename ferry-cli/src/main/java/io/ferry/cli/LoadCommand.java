package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.ScriptRunner;
import io.ferry.transfer.PlainDumpLoad;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load a plain pg_dump file (.sql, .sql.gz, or - for standard input) into an empty database, "
                + "in one transaction.")
final class LoadCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", paramLabel = "FILE", description = "The dump: .sql, .sql.gz, or - for standard input.")
    String file;

    @Option(names = "--exclude-table-data", paramLabel = "PATTERN", split = ",",
            description = "Load these tables' structure only (schema.table or table; * and ? match).")
    List<String> excludeTableData = new ArrayList<>();

    @Option(names = "--clean", description = "Drop everything in the target first (needs --yes).")
    boolean clean;

    @Option(names = "--yes", description = "Confirm --clean.")
    boolean yes;

    @Override
    public Integer call() {
        if (clean && !yes) {
            throw new FerryException(ErrorCode.USAGE, "--clean drops everything in the target; add --yes to confirm");
        }
        TransferOptions options = new TransferOptions(1, Verify.COUNTS, false, clean, false, false, excludeTableData,
                TransferOptions.DEFAULT_CHUNK_BYTES, false);
        Reader dump = file.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16)
                : ScriptRunner.open(Path.of(file));
        long start = System.nanoTime();
        try (Database db = database.open()) {
            System.out.println("Loading " + (file.equals("-") ? "standard input" : file) + " into " + db.spec().display());
            PlainDumpLoad.Result result = PlainDumpLoad.load(db.spec(), dump, file.equals("-") ? "stdin" : file,
                    options, System.out::println);
            long rows = result.rowsByTable().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(Locale.ROOT, "Loaded %d rows into %d tables (%d structure only) with %d statements in "
                            + "%.1f s%s%n", rows, result.rowsByTable().size(), result.structureOnly().size(),
                    result.statements(), (System.nanoTime() - start) / 1e9,
                    result.triggersOff() ? "; triggers and FK checks were off for the load" : "");
        }
        return 0;
    }
}
