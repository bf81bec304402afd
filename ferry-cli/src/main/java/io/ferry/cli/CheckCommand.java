package io.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.connect.ConnectionSpec;
import io.ferry.diff.Diff;
import io.ferry.diff.SchemaDiff;
import io.ferry.embedded.EmbeddedServer;
import io.ferry.migrate.HistoryRow;
import io.ferry.migrate.Migration;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.Migrator;
import io.ferry.migrate.ModuleState;
import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.sql.ScriptRunner;
import io.ferry.transfer.CleanPreview;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A migration developer's whole loop in one command, as a CI job runs it: a throwaway database, the
 * schema the migrations start from, fixture rows, every migration with its assertions, then the
 * result compared with the model.
 */
@Command(name = "check", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  ferry check --migrations builtin:ckan --from builtin:legacy --model builtin:ckan-2.11",
                "  ferry check --migrations migrations --module core --from base.sql --data rows.sql --model model.sql"},
        description = "Apply the migrations to a throwaway database (after the --from schema and --data rows), run "
                + "their assertions, and compare the result with the model: exit 0 when it is the model, 3 (and the "
                + "SQL that would fix it) when not, 4 when a migration or an assertion fails.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MigrationOptions migrations;

    @Option(names = "--module", paramLabel = "NAME", description = "Only this module (its requirements must be met "
            + "by the --from schema).")
    String module;

    @Option(names = "--model", paramLabel = "M", required = true, description = "The schema the migrations must "
            + "build: a database, a dump file (.sql, .sql.gz) or builtin:NAME.")
    String model;

    @Option(names = "--from", paramLabel = "SCHEMA", description = "The schema the migrations start from: a dump file "
            + "or builtin:NAME (default: an empty database).")
    String from;

    @Option(names = "--data", paramLabel = "FILE", description = "SQL run after --from and before the migrations, "
            + "e.g. fixture rows for the assertions and data moves to work on.")
    String data;

    @Option(names = "--db", paramLabel = "URL", description = "An empty database of yours to check in, kept "
            + "afterwards (default: a throwaway one on a temporary embedded server).")
    String db;

    @Option(names = "--keep", description = "Keep the throwaway database, on Ferry's embedded server "
            + "(embedded:NAME), to look at afterwards.")
    boolean keep;

    @Mixin
    CompareOptions compare;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        MigrationSet set = migrations.load();
        if (db != null && keep) {
            throw new FerryException(ErrorCode.USAGE, "--keep is for the throwaway database; a --db of yours is kept");
        }
        Scratch scratch = db != null ? Scratch.given(db, console) : Scratch.throwaway(keep, console);
        try (scratch) {
            ConnectionSpec spec = scratch.spec();
            console.out().println("Checking " + migrationsName() + " against " + model + " in " + spec.display());
            run(spec, from, "schema", console.out());
            run(spec, data, "data", console.out());
            Migrator migrator = new Migrator(spec, set, MigrationListener.NONE);
            Migrator.Result result = migrator.migrate(migrations.options(Optional.ofNullable(module), Optional.empty(),
                    false, false, 0));
            printApplied(result.applied(), migrator.status(), console.out());
            Diff diff = compareWithModel(spec, console);
            DiffOutput.warn(diff, console.err());
            if (diff.isEmpty()) {
                console.out().println("The migrated schema is the model's.");
                return 0;
            }
            console.out().print(diff.script());
            console.err().printf("ferry: the migrated schema differs from the model (%s to fix it, printed above)%n",
                    Counts.of(diff.changes().size(), "change"));
            return ErrorCode.VALIDATION_FAILED.exitCode();
        }
    }

    private String migrationsName() {
        return migrations.migrations + (module == null ? "" : " (module " + module + ")");
    }

    /** Runs a schema or data file on the scratch database; nothing when it is not given. */
    private static void run(ConnectionSpec spec, String source, String what, PrintStream out) {
        if (source == null) {
            return;
        }
        try (Connection c = spec.open(); Reader script = SchemaSource.script(source)) {
            long statements = new ScriptRunner(c, source).run(script);
            out.println("  " + what + ": " + source + " (" + Counts.of(statements, "statement") + ")");
        } catch (SQLException | IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot run " + source + ": " + e.getMessage(), e);
        }
    }

    /** Each migration this run applied, with how many of its assertions held (all did, or it failed). */
    private static void printApplied(List<Migration> applied, List<ModuleState> states, PrintStream out) {
        for (Migration m : applied) {
            Optional<HistoryRow> row = states.stream().filter(s -> s.name().equals(m.module())).findFirst()
                    .flatMap(s -> s.appliedRow(m.version()));
            int checks = row.map(HistoryRow::assertions).map(CheckCommand::checks).orElse(0);
            out.println("  " + m.module() + " " + m.version() + "  " + m.description()
                    + (checks == 0 ? "" : "  (" + Counts.of(checks, "assertion") + " held)"));
        }
        out.println("Applied " + Counts.of(applied.size(), "migration"));
    }

    private static int checks(String assertions) {
        try {
            JsonNode checks = Json.pretty().readTree(assertions).path("checks");
            return checks.isArray() ? checks.size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private Diff compareWithModel(ConnectionSpec spec, Console console) {
        Schema migrated = CatalogReader.read(spec);
        Schema wanted;
        try (SchemaSource sources = new SchemaSource(console.environment(), console.err())) {
            wanted = sources.read(model).get(0);
        }
        return SchemaDiff.between(migrated, wanted, compare.options());
    }

    /**
     * The database the check runs in, and what holds it open: a given database, or a throwaway one on
     * a temporary server (gone at the end); with {@code --keep}, a database on Ferry's own embedded
     * server instead, where {@code embedded:NAME} finds it later.
     */
    private record Scratch(ConnectionSpec spec, AutoCloseable owner, String kept, PrintStream out)
            implements AutoCloseable {
        static Scratch given(String url, Console console) {
            Database database = Database.resolve(url, null, console.environment());
            List<String> contents = CleanPreview.contents(database.spec());
            if (!contents.isEmpty()) {
                database.close();
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "ferry check needs an empty database, but "
                        + database.spec().display() + " has " + String.join(", ", contents));
            }
            return new Scratch(database.spec(), database, null, console.out());
        }

        static Scratch throwaway(boolean keep, Console console) {
            String name = "ferry_check_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
                    + "_" + ProcessHandle.current().pid();
            EmbeddedServer server = keep ? EmbeddedServer.open(FerryHome.embeddedData(console.environment()))
                    : EmbeddedServer.temporary();
            server.createDatabase(name);
            return new Scratch(server.connection(name), server, keep ? Database.EMBEDDED + name : null, console.out());
        }

        @Override
        public void close() {
            if (kept != null) {
                out.println("Kept as " + kept + " (look at it with ferry server and psql)");
            }
            try {
                owner.close();
            } catch (Exception e) {
                throw new FerryException(ErrorCode.INTERNAL, "cannot stop the scratch database: " + e.getMessage(), e);
            }
        }
    }
}
