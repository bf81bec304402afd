package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.Json;
import io.ferry.ckan.check.CatalogCheck;
import io.ferry.ckan.check.CheckReport;
import io.ferry.ckan.check.CkanVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ferry ckan check}: the rows of a catalog that CKAN of the target version refuses, or that a
 * migration on the way there fails on, rule by rule (the rules are in {@code io.ferry.ckan.check}).
 * Exit 0 when no row breaks a rule, 3 when some do.
 */
@Command(name = "check", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan check --db postgres://ckan@db/ckan", "  ferry ckan check -c /etc/ckan/ckan.ini --target 2.10 --json"},
        mixinStandardHelpOptions = true,
        description = "List the rows CKAN of the target version refuses or a migration to it fails on: names outside "
                + "CKAN's rules, active users sharing an e-mail, resources without their dataset, ... (exit 3 if any).")
final class CkanCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--target", paramLabel = "VERSION", defaultValue = "2.11",
            description = "The CKAN version to check for: 2.8, 2.9, 2.10 or 2.11 (default: ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Console console = Console.of(spec);
        CkanVersion version = CkanVersion.parse(target);
        CheckReport report;
        try (Database db = database.open(console)) {
            report = CatalogCheck.run(db.spec(), version);
        }
        if (json) {
            console.out().println(Json.pretty().writeValueAsString(report.toJson(Json.pretty())));
        } else {
            report.print(console.out());
        }
        return report.rows() == 0 ? 0 : ErrorCode.VALIDATION_FAILED.exitCode();
    }
}
