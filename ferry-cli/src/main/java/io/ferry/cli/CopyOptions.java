package io.ferry.cli;

import io.ferry.transfer.Verify;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How rows are copied: shared by transfer, dump and load. */
final class CopyOptions {
    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel workers (default: the number of cores).")
    Integer jobs;

    @Option(names = "--verify", paramLabel = "MODE", defaultValue = "checksums",
            description = "none, counts or checksums (default: ${DEFAULT-VALUE}).")
    Verify verify;

    @Option(names = "--exclude-table-data", paramLabel = "PATTERN", split = ",",
            description = "These tables' structure only, not their rows (schema.table or table; * and ? match).")
    List<String> excludeTableData = new ArrayList<>();

    @Option(names = "--split-larger-than", paramLabel = "SIZE", defaultValue = "256MB",
            description = "Copy tables larger than this in chunks of about this size (default: ${DEFAULT-VALUE}).")
    String splitLargerThan;

    @Option(names = "--json", description = "Print the final report as JSON on standard output: per table rows, "
            + "bytes, checksum, seconds; totals; the verification's outcome.")
    boolean json;

    int jobs() {
        return jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    }

    long chunkBytes() {
        return Sizes.parse(splitLargerThan, "--split-larger-than");
    }
}
