package io.ferry.cli;

import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.check.CkanVersion;
import io.ferry.ckan.datastore.DataStoreRoles;
import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.DataStoreGenerator;
import io.ferry.ckan.generate.DataStoreOptions;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.ckan.generate.ReleaseCatalog;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry ckan generate}: fills an empty database with a deterministic legacy catalog and prints
 * the rows written per table. A non-empty database is refused (exit 3) and left untouched.
 */
@Command(name = "generate", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan generate --db embedded:legacy --datasets 5000 --seed 1 --datastore embedded:legacy_datastore",
                "  ferry ckan generate --db postgres://ckan@db/scratch --datasets 50000 --harvest-shape pre-v2 --jobs 3",
                "  ferry ckan generate --db embedded:ckan29 --datasets 2000 --ckan 2.9 --orphan-resources 3"}, mixinStandardHelpOptions = true,
        description = "Create the legacy (CKAN 2.2 + data.gov.uk) schema in an empty database and fill it with a "
                + "realistic, deterministic catalog.")
final class CkanGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--datasets", required = true, paramLabel = "N",
            description = "How many datasets; publishers, users, resources and harvest data scale with it.")
    int datasets;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "The same seed gives the same catalog (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--harvest-shape", paramLabel = "SHAPE", defaultValue = "dgu",
            description = "dgu (data.gov.uk's upgraded harvest tables) or pre-v2 (ckanext-harvest before its v2 "
                    + "upgrade: no source title or frequency); default: ${DEFAULT-VALUE}.")
    String harvestShape;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "" + GenerateOptions.DEFAULT_JOBS,
            description = "Connections writing tables and building indexes in parallel (default: ${DEFAULT-VALUE}); "
                    + "the catalog is the same for any value.")
    int jobs;

    @Option(names = "--ckan", paramLabel = "VERSION",
            description = "Bring the catalog to CKAN 2.8, 2.9 or 2.10 afterwards, as a site CKAN upgraded has it (only "
                    + "CKAN's own bookkeeping, no Ferry history), with traps real sites carry: user names CKAN refuses, "
                    + "active users sharing an e-mail address (before 2.10); a start for upgrades.")
    String ckan;

    @Option(names = "--orphan-resources", paramLabel = "N", defaultValue = "0",
            description = "With --ckan: N resources whose dataset does not exist (CKAN 2.11's core 105 refuses them).")
    int orphanResources;

    @Option(names = "--datastore", paramLabel = "URL",
            description = "Also fill this empty database as CKAN's DataStore for a share of the catalog's CSV and XLS "
                    + "resources (marked datastore_active in the catalog).")
    String datastore;

    @Option(names = "--datastore-tables", paramLabel = "N",
            description = "With --datastore: how many tables (default: one per " + DataStoreOptions.DATASETS_PER_TABLE
                    + " datasets).")
    Integer datastoreTables;

    @Option(names = "--datastore-large-rows", paramLabel = "N", defaultValue = "" + DataStoreOptions.DEFAULT_LARGE_ROWS,
            description = "With --datastore: rows in each of the few large tables, one per 2,000 tables "
                    + "(default: ${DEFAULT-VALUE}).")
    int datastoreLargeRows;

    @Option(names = "--datastore-write-role", paramLabel = "ROLE", defaultValue = DataStoreRoles.DEFAULT_WRITE,
            description = "With --datastore: the role that owns every table, created if missing (default: "
                    + "${DEFAULT-VALUE}).")
    String datastoreWriteRole;

    @Option(names = "--datastore-read-role", paramLabel = "ROLE", defaultValue = DataStoreRoles.DEFAULT_READ,
            description = "With --datastore: the read-only role, granted as CKAN's set-permissions grants, created if "
                    + "missing (default: ${DEFAULT-VALUE}).")
    String datastoreReadRole;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        GenerateOptions options = new GenerateOptions(datasets, seed, HarvestShape.parse(harvestShape), jobs);
        Optional<CkanVersion> release = Optional.ofNullable(ckan).map(CkanVersion::parse);
        if (release.isEmpty() && orphanResources != 0) {
            throw new FerryException(ErrorCode.USAGE, "--orphan-resources needs --ckan (a legacy catalog's resources "
                    + "belong to resource groups, not datasets)");
        }
        if (datastore == null && (datastoreTables != null
                || spec.commandLine().getParseResult().hasMatchedOption("--datastore-large-rows")
                || spec.commandLine().getParseResult().hasMatchedOption("--datastore-write-role")
                || spec.commandLine().getParseResult().hasMatchedOption("--datastore-read-role"))) {
            throw new FerryException(ErrorCode.USAGE, "the --datastore-... options need --datastore URL");
        }
        DataStoreGenerator.Selection tables = datastore == null ? null : DataStoreGenerator.select(options,
                new DataStoreOptions(datastoreTables == null ? DataStoreOptions.SCALED : datastoreTables,
                        datastoreLargeRows, new DataStoreRoles(datastoreWriteRole, datastoreReadRole)));
        try (Database db = database.open(console);
             Database store = datastore == null ? null : Database.resolve(datastore, null, console.environment())) {
            if (store != null) {
                if (store.spec().host().equals(db.spec().host()) && store.spec().port() == db.spec().port()
                        && store.spec().database().equals(db.spec().database())) {
                    throw new FerryException(ErrorCode.USAGE, "--datastore names the catalog's own database; the "
                            + "DataStore is a database of its own");
                }
                DataStoreGenerator.requireEmpty(store.spec());
            }
            console.out().println("Generating a legacy CKAN catalog in " + db.spec().display());
            Interruption.during("ckan generate in " + db.spec().display(), "the database holds part of a catalog; "
                    + "drop its tables (or take a fresh database) and run it again");
            CatalogGenerator.Result result = CatalogGenerator.generate(db.spec(), options,
                    line -> console.out().println("  " + line));
            Table table = new Table("table", "rows");
            for (Map.Entry<String, Long> e : result.rows().entrySet()) {
                table.row(e.getKey(), String.format(Locale.ROOT, "%,d", e.getValue()));
            }
            table.print(console.out());
            console.out().printf(Locale.ROOT, "Generated %s in %s in %.1f s%n", Counts.of(result.totalRows(), "row"),
                    Counts.of(result.rows().size(), "table"), result.elapsed().toNanos() / 1e9);
            if (release.isPresent()) {
                ReleaseCatalog.bring(db.spec(), release.get(), seed, orphanResources, line -> console.out().println("  " + line));
                console.out().println("The catalog is at " + release.get() + ".");
            }
            if (store != null) {
                Interruption.during("ckan generate --datastore in " + store.spec().display(), "the DataStore holds "
                        + "part of its tables; take a fresh database (and catalog) and run it again");
                DataStoreGenerator.Result ds = DataStoreGenerator.generate(db.spec(), store.spec(), tables,
                        line -> console.out().println("  " + line));
                console.out().printf(Locale.ROOT, "Generated a DataStore of %s (%d wide, %d large, %s) and %s in "
                        + "%.1f s%n", Counts.of(ds.tables(), "table"), ds.wide(), ds.large(), Counts.of(ds.rows(), "row"),
                        ds.aliases() + (ds.aliases() == 1 ? " alias" : " aliases"), ds.elapsed().toNanos() / 1e9);
            }
        }
        return 0;
    }
}
