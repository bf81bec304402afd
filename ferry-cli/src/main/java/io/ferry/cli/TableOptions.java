package io.ferry.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which tables move: transfer, dump, and the load of a pg_dump archive (a Ferry archive holds what its dump chose). */
final class TableOptions {
    @Option(names = "--include", paramLabel = "PATTERN", split = ",",
            description = "Move only these tables (schema.table or table; * and ? match). A foreign key or view that "
                    + "needs a table left out is refused, naming it.")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATTERN", split = ",",
            description = "Leave these tables out entirely, structure included (same patterns and rule).")
    List<String> exclude = new ArrayList<>();
}
