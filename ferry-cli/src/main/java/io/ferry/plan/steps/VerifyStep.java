package io.ferry.plan.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Glob;
import io.ferry.Json;
import io.ferry.cli.SchemaSource;
import io.ferry.diff.Change;
import io.ferry.diff.Diff;
import io.ferry.diff.DiffOptions;
import io.ferry.diff.SchemaDiff;
import io.ferry.plan.PlanContext;
import io.ferry.plan.RunContext;
import io.ferry.plan.Step;
import io.ferry.plan.StepKind;
import io.ferry.plan.StepResult;
import io.ferry.plan.StepSpec;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Trigger;
import io.ferry.schema.read.CatalogReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code kind: verify}: compares the schema of {@code db} (default: the target) with {@code model}:
 * {@code builtin:NAME} (a schema bundled in the jar, e.g. {@code builtin:ckan-2.8}), a dump file
 * ({@code .sql}, {@code .sql.gz}, relative to the plan file) or a connection name. Any difference fails
 * the step (exit 3) and the fixing SQL is printed, except differences in objects that
 * {@code known_differences} names (glob patterns on table, type or other object names), which are
 * warnings; a pattern that matches nothing is a warning too, so a stale exception gets noticed.
 */
public final class VerifyStep implements Step {
    private static final String BUILTIN = "builtin:";

    private final String db;
    private final String model;
    private final boolean modelIsConnection;
    private final List<String> known;

    private VerifyStep(String db, String model, boolean modelIsConnection, List<String> known) {
        this.db = db;
        this.model = model;
        this.modelIsConnection = modelIsConnection;
        this.known = List.copyOf(known);
    }

    public static final class Kind implements StepKind {
        @Override
        public String name() {
            return "verify";
        }

        @Override
        public Step prepare(StepSpec spec, PlanContext plan) {
            String db = plan.connection(spec.options(), "db", "target");
            String model = spec.options().requiredString("model");
            List<String> known = spec.options().strings("known_differences");
            if (model.startsWith(BUILTIN)) {
                if (VerifyStep.class.getClassLoader().getResource(resource(model)) == null) {
                    throw spec.options().error("model " + model + ": no such schema in Ferry's jar");
                }
                return new VerifyStep(db, model, false, known);
            }
            if (plan.namesConnection(model)) {
                return new VerifyStep(db, model, true, known);
            }
            Path file = plan.file(model);
            if (!SchemaSource.isDump(file.toString())) {
                throw spec.options().error("model " + model + " is neither builtin:NAME, a connection of the plan, "
                        + "nor a .sql or .sql.gz file");
            }
            return new VerifyStep(db, file.toString(), false, known);
        }
    }

    private static String resource(String builtin) {
        return "ferry/schemas/" + builtin.substring(BUILTIN.length()) + ".sql";
    }

    @Override
    public String describe() {
        return "compare the schema of " + db + " with " + model
                + (known.isEmpty() ? "" : " (known differences: " + String.join(", ", known) + ")");
    }

    @Override
    public StepResult run(RunContext context, boolean resuming) {
        Schema actual = CatalogReader.read(context.connection(db));
        Schema wanted = readModel(context);
        Diff diff = SchemaDiff.between(actual, wanted, DiffOptions.defaults());
        ObjectNode details = Json.compact().createObjectNode();
        details.put("model", model);
        ArrayNode differences = details.putArray("differences");
        List<Change> unexpected = new ArrayList<>();
        Set<String> patternsUsed = new LinkedHashSet<>();
        for (Change change : diff.changes()) {
            String name = concerns(change, actual, wanted);
            String pattern = known.stream().filter(p -> Glob.compile(p).matcher(name).matches()).findFirst().orElse(null);
            ObjectNode row = differences.addObject();
            row.put("change", change.kind().name().toLowerCase(java.util.Locale.ROOT));
            row.put("object", change.ref().toString());
            row.put("known", pattern != null);
            if (pattern == null) {
                unexpected.add(change);
            } else {
                patternsUsed.add(pattern);
            }
        }
        details.put("matches", unexpected.isEmpty());
        details.put("known_differences", diff.changes().size() - unexpected.size());
        List<String> warnings = new ArrayList<>();
        if (diff.changes().size() > unexpected.size()) {
            warnings.add((diff.changes().size() - unexpected.size()) + " known schema difference(s) from " + model
                    + " (" + String.join(", ", patternsUsed) + ")");
        }
        known.stream().filter(p -> !patternsUsed.contains(p)).forEach(p -> warnings.add("known difference '" + p
                + "' no longer differs from " + model + "; it can be removed from the plan"));
        if (!unexpected.isEmpty()) {
            context.console().out().print(new Diff(unexpected).script());
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "the schema of " + db + " differs from " + model
                    + " (" + unexpected.size() + " change" + (unexpected.size() == 1 ? "" : "s")
                    + " to fix it, printed above; first: " + unexpected.get(0).ref() + ")");
        }
        return new StepResult(diff.isEmpty() ? "the schema matches " + model
                : "the schema matches " + model + " apart from " + (diff.changes().size()) + " known differences",
                details, warnings);
    }

    private Schema readModel(RunContext context) {
        if (modelIsConnection) {
            return CatalogReader.read(context.connection(model));
        }
        try (SchemaSource sources = new SchemaSource(context.console().environment(), context.console().err())) {
            return sources.read(model).get(0); // a dump file or builtin:NAME, loaded on a temporary server
        }
    }

    /**
     * The name a difference is about, as {@code known_differences} matches it: the table for an index,
     * constraint or trigger (so {@code harvest_*} covers a harvest table's indexes), else the object's
     * own name, without schema or quotes.
     */
    private static String concerns(Change change, Schema actual, Schema wanted) {
        SchemaObject object = wanted.find(change.ref());
        if (object == null) {
            object = actual.find(change.ref());
        }
        if (object instanceof Index i) {
            return i.table().name();
        }
        if (object instanceof Constraint c) {
            return c.table().name();
        }
        if (object instanceof Trigger t) {
            return t.table().name();
        }
        String key = change.ref().key();
        String[] parts = key.split("\"\\.\"");
        return parts[parts.length > 1 ? 1 : 0].replace("\"", "").replaceAll("\\(.*$", "");
    }

}
