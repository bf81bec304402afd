package io.ferry.plan.steps;

import io.ferry.connect.ConnectionSpec;
import io.ferry.plan.PlanContext;
import io.ferry.plan.Progress;
import io.ferry.plan.RunContext;
import io.ferry.plan.Step;
import io.ferry.plan.StepKind;
import io.ferry.plan.StepResult;
import io.ferry.plan.StepSpec;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;

/**
 * {@code kind: transfer}: copies the {@code from} database into the {@code to} database (default: the
 * plan's target), which must be empty apart from Ferry's own records. Run again after a crash, it
 * resumes the copy recorded in the target, or accepts one that had finished (see {@link FinishedCopy}). Options: {@code from}, {@code to}, {@code jobs},
 * {@code verify} (none, counts, checksums), {@code exclude_table_data} (tables copied as structure only),
 * {@code owner} and {@code grant_read} (the target's roles, as {@code --owner} and {@code --grant-read}).
 */
public final class TransferStep implements Step {
    private final String from;
    private final String to;
    private final TransferOptions options;

    private TransferStep(String from, String to, TransferOptions options) {
        this.from = from;
        this.to = to;
        this.options = options;
    }

    public static final class Kind implements StepKind {
        @Override
        public String name() {
            return "transfer";
        }

        @Override
        public Step prepare(StepSpec spec, PlanContext plan) {
            return new TransferStep(plan.connection(spec.options(), "from", "source"),
                    plan.connection(spec.options(), "to", "target"), Copies.options(spec.options(), false));
        }
    }

    @Override
    public String describe() {
        return "copy " + from + " into " + to + " (must be empty) with " + options.jobs() + " jobs, verified by "
                + options.verify().name().toLowerCase(java.util.Locale.ROOT)
                + (options.excludeTableData().isEmpty() ? ""
                        : "; structure only for " + String.join(", ", options.excludeTableData()))
                + (options.roles().owner() == null ? "" : "; everything owned by " + options.roles().owner())
                + (options.roles().readRole() == null ? "" : "; read by " + options.roles().readRole());
    }

    @Override
    public java.util.Optional<Copy> copy() {
        return java.util.Optional.of(new Copy(from, to));
    }

    @Override
    public StepResult run(RunContext context, boolean resuming) {
        ConnectionSpec source = context.connection(from);
        ConnectionSpec target = context.connection(to);
        if (resuming) {
            var finished = FinishedCopy.check(source, target, options);
            if (finished.isPresent()) {
                return finished.get();
            }
        }
        try (Progress.Task task = context.progress().task("transfer", Copies.estimatedRows(source), "rows")) {
            Transfer.Report report = new Transfer(source, target, Copies.resuming(options, resuming),
                    Copies.listener(task)).run();
            return Copies.result(report, "copied");
        }
    }
}
