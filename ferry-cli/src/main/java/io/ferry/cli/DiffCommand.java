package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.diff.Diff;
import io.ferry.diff.SchemaDiff;
import io.ferry.schema.model.Schema;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the SQL that turns schema A into schema B. */
@Command(name = "diff", footerHeading = "%nExamples:%n",
        footer = {"  ferry diff postgres://ckan@db1/ckan prod-schema.sql.gz", "  ferry diff --unsafe --json embedded:old embedded:new"}, mixinStandardHelpOptions = true,
        description = "Print the SQL that turns A into B (exit 0: no differences, 3: differences, 6: destructive "
                + "changes refused). A and B are databases (postgres://..., jdbc:..., embedded:NAME) or dump files "
                + "(.sql, .sql.gz).")
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "The schema as it is.")
    String from;

    @Parameters(index = "1", paramLabel = "B", description = "The schema as it should be.")
    String to;

    @Mixin
    CompareOptions compare;

    @Option(names = "--unsafe", description = "Include destructive statements (DROP TABLE/COLUMN, narrowing "
            + "type changes, enum value removal) instead of refusing them.")
    boolean unsafe;

    @Option(names = "--json", description = "Print the change list with each statement's hazards as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        Diff diff;
        try (SchemaSource sources = new SchemaSource(console.environment(), console.err())) {
            List<Schema> schemas = sources.readComparable(from, to);
            diff = SchemaDiff.between(schemas.get(0), schemas.get(1), compare.options());
        }
        DiffOutput.warn(diff, console.err());
        if (diff.isEmpty()) {
            if (json) {
                console.out().println(DiffOutput.json(diff));
            }
            console.err().println("ferry: no differences");
            return 0;
        }
        DiffOutput.refuseUnsafe(diff, unsafe, console.err());
        String output = json ? DiffOutput.json(diff) + "\n" : diff.script();
        console.out().print(output);
        console.err().printf("ferry: %d change%s%n", diff.changes().size(), diff.changes().size() == 1 ? "" : "s");
        return ErrorCode.VALIDATION_FAILED.exitCode();
    }
}
