package io.ferry.plan.steps;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.ckan.datastore.DataStoreCheck;
import io.ferry.ckan.datastore.DataStoreReport;
import io.ferry.ckan.datastore.DataStoreRoles;
import io.ferry.connect.CkanIni;
import io.ferry.connect.ConnectionParser;
import io.ferry.connect.Environment;
import io.ferry.plan.PlanContext;
import io.ferry.plan.RunContext;
import io.ferry.plan.Step;
import io.ferry.plan.StepKind;
import io.ferry.plan.StepResult;
import io.ferry.plan.StepSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code kind: datastore-check}: {@code ferry ckan datastore check} as a plan step. {@code datastore}
 * names the plan's connection to the DataStore database (required), {@code db} the catalog (default:
 * the target); {@code write_role} and {@code read_role} default to the users of the catalog site's
 * {@code ckan.datastore.write_url} and {@code read_url} when {@code db} is a {@code ckan_ini:}
 * connection, else to CKAN's {@code ckan_default} and {@code datastore_default}. Anything found fails
 * the step (exit 3) and prints the findings; the DataStore's tables, rows, bytes and findings are the
 * step's details in the report.
 */
public final class DataStoreCheckStep implements Step {
    private final String db;
    private final String datastore;
    private final DataStoreRoles roles;

    private DataStoreCheckStep(String db, String datastore, DataStoreRoles roles) {
        this.db = db;
        this.datastore = datastore;
        this.roles = roles;
    }

    public static final class Kind implements StepKind {
        @Override
        public String name() {
            return "datastore-check";
        }

        @Override
        public Step prepare(StepSpec spec, PlanContext plan) {
            String db = plan.connection(spec.options(), "db", "target");
            String datastore = plan.connection(spec.options(), "datastore", null);
            if (datastore.equals(db)) {
                throw spec.options().error("datastore names the same connection as db (" + db + "); the DataStore is "
                        + "a database of its own");
            }
            Optional<CkanIni> site = plan.site(db);
            ConnectionParser parser = new ConnectionParser(Environment.system());
            Function<Optional<String>, Optional<String>> user = url -> url.map(u -> parser.parse(u).user());
            try {
                DataStoreRoles roles = new DataStoreRoles(
                        spec.options().string("write_role", user.apply(site.flatMap(CkanIni::datastoreWriteUrl))
                                .orElse(DataStoreRoles.DEFAULT_WRITE)),
                        spec.options().string("read_role", user.apply(site.flatMap(CkanIni::datastoreReadUrl))
                                .orElse(DataStoreRoles.DEFAULT_READ)));
                return new DataStoreCheckStep(db, datastore, roles);
            } catch (FerryException e) {
                throw spec.options().error(e.getMessage());
            }
        }
    }

    @Override
    public String describe() {
        return "check the DataStore " + datastore + " against the catalog " + db + " (write role " + roles.write()
                + ", read role " + roles.read() + "): resources without their table, orphan tables and aliases, grants "
                + "and owners; anything found fails the plan";
    }

    @Override
    public StepResult run(RunContext context, boolean resuming) {
        DataStoreReport report = DataStoreCheck.run(context.connection(db), context.connection(datastore), roles);
        if (report.problems() > 0) {
            report.print(context.console().out());
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "the DataStore " + datastore + " and the catalog " + db
                    + " disagree, listed above: " + report.findings().stream().filter(f -> f.count() > 0)
                    .map(f -> f.id() + " " + f.count()).collect(Collectors.joining(", ")));
        }
        return new StepResult(String.format(Locale.ROOT, "the DataStore agrees with the catalog and its roles: %,d "
                        + "tables, %,d aliases, %,d rows, %,d bytes", report.tables(), report.aliases(), report.rows(),
                report.bytes()), report.toJson(Json.compact()), List.of());
    }
}
