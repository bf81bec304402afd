package io.ferry.plan.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.plan.PlanContext;
import io.ferry.plan.RunContext;
import io.ferry.plan.Step;
import io.ferry.plan.StepKind;
import io.ferry.plan.StepResult;
import io.ferry.plan.StepSpec;
import io.ferry.plan.report.ReportData;
import io.ferry.plan.report.ReportWriter;
import java.nio.file.Path;

/**
 * {@code kind: report}: writes the run's report (report.md, report.json, report.html) into the run's
 * report folder ({@code --report-dir}), from the checkpoints of every step so far and the target's
 * figures. No options.
 */
public final class ReportStep implements Step {
    private final String name;

    private ReportStep(String name) {
        this.name = name;
    }

    public static final class Kind implements StepKind {
        @Override
        public String name() {
            return "report";
        }

        @Override
        public Step prepare(StepSpec spec, PlanContext plan) {
            return new ReportStep(spec.name());
        }
    }

    @Override
    public String describe() {
        return "write report.md, report.json and report.html (steps, rows per table, assertions, verification)";
    }

    @Override
    public StepResult run(RunContext context, boolean resuming) {
        String summary = "report written: " + ReportWriter.htmlPath(context.reportDir());
        ObjectNode data = ReportData.collect(context.plan(), context.console().environment(), context.target(),
                context.recorded(),
                new ReportData.Writer(name, System.nanoTime(), summary));
        Path html = ReportWriter.write(context.reportDir(), data);
        StepResult result = StepResult.of(summary);
        result.details().put("html", html.toString());
        return result;
    }
}
