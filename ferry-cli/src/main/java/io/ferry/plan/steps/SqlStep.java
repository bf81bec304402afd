package io.ferry.plan.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.migrate.CheckedScript;
import io.ferry.plan.PlanContext;
import io.ferry.plan.RunContext;
import io.ferry.plan.Step;
import io.ferry.plan.StepKind;
import io.ferry.plan.StepResult;
import io.ferry.plan.StepSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code kind: sql}: runs a SQL script on {@code db} (default: the target) in one transaction, with a
 * migration file's directives: {@code -- ferry:capture NAME: SELECT ...} before the body and
 * {@code -- ferry:assert SELECT ...} after it; a false assertion rolls everything back and fails the
 * step. Options: {@code db}, and {@code file} (relative to the plan file) or {@code script} (inline).
 */
public final class SqlStep implements Step {
    private final String db;
    private final String name;
    private final String script;

    private SqlStep(String db, String name, String script) {
        this.db = db;
        this.name = name;
        this.script = script;
    }

    public static final class Kind implements StepKind {
        @Override
        public String name() {
            return "sql";
        }

        @Override
        public Step prepare(StepSpec spec, PlanContext plan) {
            String file = spec.options().string("file", null);
            String inline = spec.options().string("script", null);
            if ((file == null) == (inline == null)) {
                throw spec.options().error("needs either file: or script:");
            }
            String db = plan.connection(spec.options(), "db", "target");
            if (inline != null) {
                return new SqlStep(db, spec.name(), inline);
            }
            Path path = plan.file(file);
            try {
                return new SqlStep(db, path.getFileName().toString(), Files.readString(path));
            } catch (IOException e) {
                throw spec.options().error("cannot read " + path + ": " + e.getMessage());
            }
        }
    }

    @Override
    public String describe() {
        long assertions = script.lines().filter(l -> l.strip().startsWith("-- ferry:assert")).count();
        return "run " + name + " on " + db + " in one transaction (" + assertions + " assertion"
                + (assertions == 1 ? "" : "s") + ")";
    }

    @Override
    public StepResult run(RunContext context, boolean resuming) {
        String json = CheckedScript.run(context.connection(db), name, script);
        ObjectNode details = Json.compact().createObjectNode();
        details.put("script", name);
        if (json != null) {
            try {
                details.set("assertions", Json.compact().readTree(json));
            } catch (JsonProcessingException e) {
                throw new FerryException(ErrorCode.INTERNAL, "assertion outcomes are not JSON: " + e.getMessage(), e);
            }
        }
        int checks = details.path("assertions").path("checks").size();
        return new StepResult("ran " + name + "; " + checks + " assertion" + (checks == 1 ? "" : "s") + " held",
                details, List.of());
    }
}
