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
import picocli.CommandLine.Spec;

/** Checks a database's schema against a model. */
@Command(name = "verify", footerHeading = "%nExamples:%n",
        footer = {"  ferry verify --db postgres://ckan@db/ckan --model builtin:ckan-2.11", "  ferry verify --db postgres://ckan@db1/ckan --model release.sql"}, mixinStandardHelpOptions = true,
        description = "Check that a database's schema is the model's (exit 0), else print the SQL that would fix "
                + "it (exit 3). The model is a database, a dump file (.sql, .sql.gz) or a schema bundled in the jar "
                + "(builtin:ckan-2.11, builtin:ckan-2.8, builtin:legacy).")
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--db", paramLabel = "URL", required = true, description = "The database to check.")
    String db;

    @Option(names = "--model", paramLabel = "M", required = true, description = "The schema it should have.")
    String model;

    @Mixin
    CompareOptions compare;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        Diff diff;
        try (SchemaSource sources = new SchemaSource(console.environment(), console.err())) {
            List<Schema> schemas = sources.readComparable(db, model);
            diff = SchemaDiff.between(schemas.get(0), schemas.get(1), compare.options());
        }
        DiffOutput.warn(diff, console.err());
        if (diff.isEmpty()) {
            console.out().println("The schema matches the model.");
            return 0;
        }
        console.out().print(diff.script());
        console.err().printf("ferry: the schema differs from the model (%d change%s to fix it, printed above)%n",
                diff.changes().size(), diff.changes().size() == 1 ? "" : "s");
        return ErrorCode.VALIDATION_FAILED.exitCode();
    }
}
