package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.ckan.datastore.DataStoreCheck;
import io.ferry.ckan.datastore.DataStoreReport;
import io.ferry.ckan.datastore.DataStoreRoles;
import io.ferry.connect.CkanIni;
import io.ferry.connect.ConnectionParser;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry ckan datastore check}: whether a catalog and its DataStore agree (resources marked
 * {@code datastore_active} without a table, tables and aliases no such resource names) and whether
 * the DataStore's roles can do what CKAN needs (the read role reads everything, the write role owns
 * everything). Exit 0 when all is well, 3 when anything is found.
 */
@Command(name = "check", footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan datastore check --db postgres://ckan@db/ckan --datastore postgres://ckan@db/datastore",
                "  ferry ckan datastore check -c /etc/ckan/ckan.ini --json"},
        mixinStandardHelpOptions = true,
        description = "Check a DataStore against its catalog and its roles: resources marked datastore_active "
                + "without a table, orphan tables (with their size), aliases reading no such table, what the read role "
                + "cannot read or the write role does not own; row and byte totals (exit 3 if anything is found).")
final class CkanDatastoreCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--datastore", paramLabel = "URL",
            description = "The DataStore database (default with -c: the config's ckan.datastore.write_url).")
    String datastore;

    @Option(names = "--write-role", paramLabel = "ROLE",
            description = "The role that should own everything (default: the user of the config's "
                    + "ckan.datastore.write_url with -c, else " + DataStoreRoles.DEFAULT_WRITE + ").")
    String writeRole;

    @Option(names = "--read-role", paramLabel = "ROLE",
            description = "The role that should read everything (default: the user of the config's "
                    + "ckan.datastore.read_url with -c, else " + DataStoreRoles.DEFAULT_READ + ").")
    String readRole;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Console console = Console.of(spec);
        Optional<CkanIni> site = Optional.ofNullable(database.ckanIni)
                .map(path -> CkanIni.read(path, console.environment()));
        String store = datastore != null ? datastore : site.flatMap(CkanIni::datastoreWriteUrl).orElseThrow(() ->
                new FerryException(ErrorCode.USAGE, "no DataStore given: use --datastore URL (or -c ckan.ini with "
                        + "ckan.datastore.write_url)"));
        ConnectionParser parser = new ConnectionParser(console.environment());
        DataStoreRoles roles = new DataStoreRoles(
                writeRole != null ? writeRole : site.flatMap(CkanIni::datastoreWriteUrl)
                        .map(url -> parser.parse(url).user()).orElse(DataStoreRoles.DEFAULT_WRITE),
                readRole != null ? readRole : site.flatMap(CkanIni::datastoreReadUrl)
                        .map(url -> parser.parse(url).user()).orElse(DataStoreRoles.DEFAULT_READ));
        DataStoreReport report;
        try (Database db = database.open(console);
             Database ds = Database.resolve(store, null, console.environment())) {
            if (ds.spec().host().equals(db.spec().host()) && ds.spec().port() == db.spec().port()
                    && ds.spec().database().equals(db.spec().database())) {
                throw new FerryException(ErrorCode.USAGE, "--datastore names the catalog's own database; the DataStore "
                        + "is a database of its own");
            }
            report = DataStoreCheck.run(db.spec(), ds.spec(), roles);
        }
        if (json) {
            console.out().println(Json.pretty().writeValueAsString(report.toJson(Json.pretty())));
        } else {
            report.print(console.out());
        }
        return report.problems() == 0 ? 0 : ErrorCode.VALIDATION_FAILED.exitCode();
    }
}
