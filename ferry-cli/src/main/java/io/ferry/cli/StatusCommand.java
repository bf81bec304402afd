package io.ferry.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.Json;
import io.ferry.migrate.HistoryRow;
import io.ferry.migrate.Migration;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationSources;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.Migrator;
import io.ferry.migrate.ModuleState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", footerHeading = "%nExamples:%n",
        footer = {"  ferry status --db postgres://ckan@db/ckan", "  ferry status --db postgres://ckan@db/ckan --migrations builtin:ckan --json"}, mixinStandardHelpOptions = true,
        description = "Show each module's version and its applied, pending, failed and out-of-order migrations.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Mixin
    DatabaseOptions database;

    @Option(names = "--migrations", paramLabel = "DIR", description = "Folder with one sub-folder per module, or "
            + "builtin:NAME: adds pending, out-of-order, changed and missing migrations. Without it, the history alone.")
    String migrations;

    @Option(names = "--json", description = "Print JSON for machines, with every migration and its assertions.")
    boolean json;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        try (Database db = database.open(console)) {
            MigrationSet files = migrations == null ? MigrationSet.none() : MigrationSet.load(
                    MigrationSources.resolve(migrations, getClass().getClassLoader()), getClass().getClassLoader());
            List<ModuleState> states = new Migrator(db.spec(), files, MigrationListener.NONE).status();
            boolean withFiles = migrations != null;
            if (json) {
                console.out().println(toJson(db.spec().display(), states, withFiles));
            } else {
                print(console.out(), db.spec().display(), states, withFiles);
            }
        }
        return 0;
    }

    /** Without the files, only what the history knows: nothing is pending, changed or missing by it. */
    static void print(PrintStream out, String database, List<ModuleState> states, boolean withFiles) {
        out.println("Database " + database);
        Table table = withFiles ? new Table("module", "version", "applied", "pending", "failed", "out of order",
                "changed", "missing") : new Table("module", "version", "applied", "failed");
        for (ModuleState s : states) {
            String version = s.hasHistory() ? s.current().toString() : "-";
            if (withFiles) {
                table.row(s.name(), version, s.applied().size(), s.pending().size(), s.failed().size(),
                        s.outOfOrder().size(), s.changed().size(), s.missing().size());
            } else {
                table.row(s.name(), version, s.applied().size(), s.failed().size());
            }
        }
        table.print(out);
        if (!withFiles) {
            out.println("(from the history alone; give --migrations DIR for pending, changed and missing migrations)");
        }
        for (ModuleState s : states) {
            for (HistoryRow f : s.failed()) {
                out.println("failed: " + s.name() + " " + f.version() + " (" + f.script() + "): " + f.error());
            }
        }
    }

    static String toJson(String database, List<ModuleState> states, boolean withFiles) {
        ObjectNode root = Json.pretty().createObjectNode();
        root.put("database", database);
        root.put("migrationFiles", withFiles);
        ArrayNode modules = root.putArray("modules");
        for (ModuleState s : states) {
            ObjectNode m = modules.addObject();
            m.put("module", s.name());
            if (s.hasHistory()) {
                m.put("version", s.current().value());
            } else {
                m.putNull("version");
            }
            m.put("applied", s.applied().size());
            m.put("failed", s.failed().size());
            if (withFiles) {
                m.put("pending", s.pending().size());
                m.put("outOfOrder", s.outOfOrder().size());
                m.put("changed", s.changed().size());
                m.put("missing", s.missing().size());
            }
            ArrayNode list = m.putArray("migrations");
            s.baseline().ifPresent(b -> row(list.addObject(), b, "baseline"));
            for (HistoryRow r : s.applied()) {
                row(list.addObject(), r, withFiles && s.missing().contains(r) ? "missing" : "applied");
            }
            for (HistoryRow r : s.failed()) {
                row(list.addObject(), r, "failed");
            }
            for (Migration p : s.outOfOrder()) {
                file(list.addObject(), p, "out-of-order");
            }
            for (Migration p : s.pending()) {
                file(list.addObject(), p, "pending");
            }
        }
        try {
            return Json.pretty().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void row(ObjectNode node, HistoryRow r, String state) {
        node.put("version", r.version().value());
        node.put("description", r.description());
        node.put("script", r.script());
        node.put("state", state);
        node.put("installedBy", r.installedBy());
        node.put("installedOn", r.installedOn() == null ? null : r.installedOn().toString());
        node.put("executionMs", r.executionMs());
        if (r.error() != null) {
            node.put("error", r.error());
        }
        if (r.assertions() != null) {
            try {
                node.set("assertions", Json.pretty().readTree(r.assertions()));
            } catch (IOException e) {
                node.put("assertions", r.assertions());
            }
        }
    }

    private static void file(ObjectNode node, Migration m, String state) {
        node.put("version", m.version().value());
        node.put("description", m.description());
        node.put("script", m.script());
        node.put("state", state);
    }
}
