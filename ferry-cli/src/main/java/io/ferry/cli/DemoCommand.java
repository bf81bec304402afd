package io.ferry.cli;

import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.datastore.DataStoreRoles;
import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.DataStoreGenerator;
import io.ferry.ckan.generate.DataStoreOptions;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.embedded.EmbeddedServer;
import io.ferry.plan.Plan;
import io.ferry.plan.PlanReader;
import io.ferry.plan.PlanRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Shows Ferry end to end with nothing installed: an embedded PostgreSQL, a generated legacy
 * data.gov.uk catalog in a source database with a small DataStore beside it, and the bundled plan {@code plans/dgu.yaml} run into a
 * fresh target database (copy, DGU's conversion and CKAN's upgrade with their assertions, schema
 * verification, the search index rebuilt into an embedded Solr and checked, report), then a short summary and the HTML report's path.
 */
@Command(name = "demo", footerHeading = "%nExamples:%n",
        footer = {"  ferry demo", "  ferry demo --datasets 500 --data-dir /tmp/ferry-demo"}, mixinStandardHelpOptions = true,
        description = "Run the data.gov.uk plan end to end on an embedded PostgreSQL with a generated catalog; "
                + "nothing to install.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    static final String SOURCE = "ferry_demo_source";
    static final String TARGET = "ferry_demo_target";
    static final String DATASTORE_SOURCE = "ferry_demo_datastore_source";
    static final String DATASTORE_TARGET = "ferry_demo_datastore_target";
    /** Rows of each of the DataStore's few large tables: a demo shows the move, not a load test. */
    private static final int DEMO_LARGE_ROWS = 10_000;

    @Option(names = "--datasets", paramLabel = "N", defaultValue = "5000",
            description = "Datasets in the generated legacy catalog (default: ${DEFAULT-VALUE}).")
    int datasets;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded server keeps its data (default: $FERRY_HOME/embedded-pg, else "
                    + "~/.ferry/embedded-pg).")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        Console console = Console.of(spec);
        if (datasets < 1) {
            throw new FerryException(ErrorCode.USAGE, "--datasets must be at least 1");
        }
        Path dir = dataDir != null ? dataDir : FerryHome.embeddedData(console.environment());
        Path home = FerryHome.root(console.environment()).resolve("demo");
        long start = System.nanoTime();
        console.out().println("Starting embedded PostgreSQL in " + dir.toAbsolutePath());
        try (EmbeddedServer server = EmbeddedServer.open(dir)) {
            for (String db : new String[] {SOURCE, TARGET, DATASTORE_SOURCE, DATASTORE_TARGET}) {
                server.dropDatabase(db);
                server.createDatabase(db);
            }
            var source = server.connection(SOURCE);
            console.out().printf(Locale.ROOT, "Generating a legacy data.gov.uk catalog of %,d datasets in %s%n",
                    datasets,
                    source.display());
            GenerateOptions options = new GenerateOptions(datasets, 1, HarvestShape.DGU, GenerateOptions.DEFAULT_JOBS);
            CatalogGenerator.Result generated = CatalogGenerator.generate(source, options, line -> { });
            console.out().printf(Locale.ROOT, "  %s in %s in %.1f s%n", Counts.of(generated.totalRows(), "row"),
                    Counts.of(generated.rows().size(), "table"), generated.elapsed().toNanos() / 1e9);
            var datastore = server.connection(DATASTORE_SOURCE);
            DataStoreGenerator.Result store = DataStoreGenerator.generate(source, datastore,
                    DataStoreGenerator.select(options, new DataStoreOptions(DataStoreOptions.SCALED, DEMO_LARGE_ROWS,
                            DataStoreRoles.defaults())), line -> { });
            console.out().printf(Locale.ROOT, "  and its DataStore: %s, %s in %s%n", Counts.of(store.tables(), "table"),
                    Counts.of(store.rows(), "row"), datastore.display());

            Path planFile = bundledPlan(home);
            Plan plan = new PlanReader(console.environment()).read(planFile, Map.of(
                    "source", source.display(), "target", server.connection(TARGET).display(),
                    "datastore_source", datastore.display(),
                    "datastore_target", server.connection(DATASTORE_TARGET).display()));
            Path reportDir = home.resolve("report");
            console.out().println("Running plan " + plan.name() + " (plans/dgu.yaml) into " + TARGET);
            new PlanRunner(plan, console)
                    .run(new PlanRunner.Options(false, Optional.empty(), false, reportDir));
            console.out().printf(Locale.ROOT, "%nDemo finished in %.1f s: %,d datasets moved, converted and upgraded "
                    + "to CKAN 2.11, its rules and schema checked, its DataStore moved and checked against it, search index "
                    + "rebuilt and checked.%n", (System.nanoTime() - start) / 1e9, datasets);
            console.out().println("Report: " + reportDir.resolve("report.html").toAbsolutePath());
            if (dataDir == null) {
                console.out().println("Look around: ./ferry status --db embedded:" + TARGET
                        + " --migrations builtin:ckan");
            }
        }
        return 0;
    }

    /** plans/dgu.yaml as bundled in the jar, written where the plan reader can read it. */
    private static Path bundledPlan(Path home) throws IOException {
        Files.createDirectories(home);
        Path file = home.resolve("dgu.yaml");
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream("ferry/plans/dgu.yaml")) {
            if (in == null) {
                throw new FerryException(ErrorCode.INTERNAL, "plans/dgu.yaml is missing from Ferry's jar");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
