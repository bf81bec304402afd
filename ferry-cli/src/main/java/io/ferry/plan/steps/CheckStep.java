package io.ferry.plan.steps;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.ckan.check.CatalogCheck;
import io.ferry.ckan.check.CheckReport;
import io.ferry.ckan.check.CkanVersion;
import io.ferry.ckan.check.Rules;
import io.ferry.plan.PlanContext;
import io.ferry.plan.RunContext;
import io.ferry.plan.Step;
import io.ferry.plan.StepKind;
import io.ferry.plan.StepResult;
import io.ferry.plan.StepSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code kind: check}: {@code ferry ckan check} as a plan step, on {@code db} (default: the target) for
 * CKAN {@code target} (2.8, 2.9, 2.10 or 2.11; default 2.11). Put before {@code migrate}: a row that
 * breaks a rule fails the step (exit 3) and prints the findings, so the plan stops before a migration
 * trips on it. The findings are the step's details in the report.
 */
public final class CheckStep implements Step {
    private final String db;
    private final CkanVersion target;

    private CheckStep(String db, CkanVersion target) {
        this.db = db;
        this.target = target;
    }

    public static final class Kind implements StepKind {
        @Override
        public String name() {
            return "check";
        }

        @Override
        public Step prepare(StepSpec spec, PlanContext plan) {
            String db = plan.connection(spec.options(), "db", "target");
            String version = spec.options().string("target", CkanVersion.V2_11.label());
            if (version.equals("2.1")) {
                // YAML reads an unquoted 2.10 as the number 2.1.
                throw spec.options().error("target 2.1 is not a CKAN version Ferry checks for; for CKAN 2.10 write "
                        + "target: \"2.10\" (unquoted, YAML reads it as the number 2.1)");
            }
            try {
                return new CheckStep(db, CkanVersion.parse(version));
            } catch (FerryException e) {
                throw spec.options().error("target: " + e.getMessage());
            }
        }
    }

    @Override
    public String describe() {
        return "check " + db + " against " + target + "'s rules (" + Rules.all().size()
                + " rules: names, shared e-mails, resources without their dataset, ...); rows that break one fail the plan";
    }

    @Override
    public StepResult run(RunContext context, boolean resuming) {
        CheckReport report = CatalogCheck.run(context.connection(db), target);
        List<CheckReport.Finding> broken = report.broken();
        if (!broken.isEmpty()) {
            report.print(context.console().out());
            throw new FerryException(ErrorCode.VALIDATION_FAILED, report.rows() + " row" + (report.rows() == 1 ? "" : "s")
                    + " of " + db + " break " + target + "'s rules, listed above: " + broken.stream()
                    .map(f -> f.rule().id() + " " + f.count()).collect(Collectors.joining(", ")));
        }
        long applied = report.findings().stream().filter(CheckReport.Finding::applies).count();
        return new StepResult("no rows break " + target + "'s rules (" + applied + " of " + report.findings().size()
                + " rules apply to this catalog)", report.toJson(Json.compact()), List.of());
    }
}
