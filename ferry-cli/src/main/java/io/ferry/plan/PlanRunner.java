package io.ferry.plan;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.cli.Console;
import io.ferry.connect.ConnectionSpec;
import io.ferry.connect.DatabaseIdentity;
import io.ferry.connect.Secrets;
import io.ferry.plan.report.ReportData;
import io.ferry.plan.report.ReportWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a plan's steps in order on the target: takes the run lock, records each step's start and end
 * in the target's checkpoints, and stops at the first failure. {@code --resume} starts at the first
 * step not recorded as finished; {@code --from-step} at a named step; {@code --dry-run} only prints.
 */
public final class PlanRunner {
    /** How to run. */
    public record Options(boolean resume, Optional<String> fromStep, boolean dryRun, Path reportDir) {
    }

    /** What a run did: the steps it ran and the report folder. */
    public record Outcome(List<String> ran, Path reportDir, long millis) {
    }

    private final Plan plan;
    private final Console console;
    private final Progress progress;

    /** A run of {@code plan} printing on {@code console}, with progress bars when its standard error is a terminal. */
    public PlanRunner(Plan plan, Console console) {
        this.plan = plan;
        this.console = console;
        this.progress = Progress.forConsole(console);
    }

    public Outcome run(Options options) {
        int from = options.fromStep().map(this::indexOf).orElse(0);
        if (options.dryRun()) {
            dryRun(from, options);
            return new Outcome(List.of(), options.reportDir(), 0);
        }
        long start = System.nanoTime();
        OffsetDateTime started = OffsetDateTime.now();
        try (Connections connections = new Connections(plan.connections(), console.environment())) {
            ConnectionSpec target = connections.spec(plan.target());
            requireDistinctCopies(connections, from);
            try (RunLock lock = RunLock.acquire(target); Connection c = target.open()) {
                c.setAutoCommit(true);
                Checkpoints checkpoints = Checkpoints.open(c, plan.name());
                Map<String, Checkpoints.Row> recorded = checkpoints.read();
                if (options.resume() && options.fromStep().isEmpty()) {
                    from = firstUnfinished(recorded);
                    if (from == plan.steps().size()) {
                        progress.line("All " + plan.steps().size() + " steps of plan " + plan.name()
                                + " are finished on " + target.display() + "; nothing to resume.");
                        return new Outcome(List.of(), options.reportDir(), 0);
                    }
                    progress.line("Resuming plan " + plan.name() + " at step " + plan.steps().get(from).name());
                } else if (!options.resume() && options.fromStep().isEmpty() && !recorded.isEmpty()) {
                    long done = recorded.values().stream().filter(Checkpoints.Row::finished).count();
                    throw new FerryException(ErrorCode.VALIDATION_FAILED, "target " + target.display()
                            + " already has a run of plan " + plan.name() + " (" + done + " of " + plan.steps().size()
                            + " steps finished); use --resume to continue it, or --from-step NAME to run again "
                            + "from a step");
                }
                RunContext context = new RunContext(plan, console, connections, progress, options.reportDir(),
                        checkpoints,
                        started);
                List<String> ran = new java.util.ArrayList<>();
                for (int i = from; i < plan.steps().size(); i++) {
                    Plan.Entry entry = plan.steps().get(i);
                    Checkpoints.Row before = recorded.get(entry.name());
                    try {
                        runStep(context, checkpoints, entry, i, before != null && !before.finished());
                    } catch (RuntimeException e) {
                        reportFailure(context, target, options.reportDir());
                        throw e;
                    }
                    ran.add(entry.name());
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                progress.line(String.format(Locale.ROOT, "Plan %s finished in %.1f s.", plan.name(), ms / 1000.0));
                return new Outcome(ran, options.reportDir(), ms);
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.CONNECTION, "cannot reach the target " + target.display() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** Before the run lock or any checkpoint is written: no step may copy a database into itself. */
    private void requireDistinctCopies(Connections connections, int from) {
        for (Plan.Entry entry : plan.steps().subList(from, plan.steps().size())) {
            if (entry.skipped()) {
                continue;
            }
            entry.step().copy().ifPresent(copy -> DatabaseIdentity.requireDistinct(connections.spec(copy.from()),
                    connections.spec(copy.to()), "plan " + plan.name() + ", step " + entry.name() + " ("
                            + copy.from() + " -> " + copy.to() + "),"));
        }
    }

    private void runStep(RunContext context, Checkpoints checkpoints, Plan.Entry entry, int index, boolean resuming) {
        progress.line(String.format(Locale.ROOT, "[%d/%d] %s (%s)%s", index + 1, plan.steps().size(), entry.name(),
                entry.spec().kind(), resuming ? ", resuming" : ""));
        checkpoints.started(entry.name(), index, entry.spec().kind());
        if (entry.skipped()) {
            // Recorded as finished, so that --resume goes past it and the report shows why it did not run.
            checkpoints.finished(entry.name(), 0, StepResult.of("skipped: " + entry.skipReason()));
            progress.line("  skipped: " + entry.skipReason());
            return;
        }
        long start = System.nanoTime();
        StepResult result;
        try {
            result = entry.step().run(context, resuming);
        } catch (RuntimeException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            checkpoints.failed(entry.name(), ms, Secrets.redact(String.valueOf(e.getMessage())));
            progress.line("Step " + entry.name() + " failed after " + seconds(ms)
                    + "; fix the cause, then run again with --resume.");
            throw e;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        checkpoints.finished(entry.name(), ms, result);
        result.warnings().forEach(w -> progress.line("  warning: " + w));
        progress.line("  " + result.summary() + " (" + seconds(ms) + ")");
    }

    /**
     * A failed run is reported too, when the plan has a report step: the page then shows which step
     * failed and why. A failure to write it is only mentioned; the step's error is what matters.
     */
    private void reportFailure(RunContext context, ConnectionSpec target, Path dir) {
        if (plan.steps().stream().noneMatch(e -> e.spec().kind().equals("report"))) {
            return;
        }
        try {
            Path html = ReportWriter.write(dir, ReportData.collect(plan, console.environment(), target,
                    context.recorded(), null));
            progress.line("Report of the failed run: " + html);
        } catch (RuntimeException e) {
            progress.line("(no report of the failed run: " + e.getMessage() + ")");
        }
    }

    private void dryRun(int from, Options options) {
        progress.line("Plan " + plan.name() + (plan.description() == null ? "" : ": " + plan.description()));
        progress.line("Connections (target: " + plan.target() + "):");
        try (Connections connections = new Connections(plan.connections(), console.environment())) {
            plan.connections().keySet().forEach(name -> {
                progress.line("  " + name + " = " + connections.display(name));
                connections.siteSettings(name).forEach(line -> progress.line("      " + line));
            });
            plan.notGiven().forEach(name -> progress.line("  " + name + " = (not given)"));
        }
        progress.line("Steps" + (from > 0 ? " from " + plan.steps().get(from).name() : "")
                + (options.resume() ? " (with --resume, finished steps are skipped)" : "") + ":");
        for (int i = from; i < plan.steps().size(); i++) {
            Plan.Entry entry = plan.steps().get(i);
            progress.line(String.format(Locale.ROOT, "  %d. %s (%s): %s", i + 1, entry.name(), entry.spec().kind(),
                    entry.skipped() ? "skipped: " + entry.skipReason() : entry.step().describe()));
        }
        progress.line("Dry run: nothing was changed.");
    }

    private int indexOf(String step) {
        for (int i = 0; i < plan.steps().size(); i++) {
            if (plan.steps().get(i).name().equals(step)) {
                return i;
            }
        }
        throw new FerryException(ErrorCode.USAGE, "--from-step " + step + ": plan " + plan.name()
                + " has no such step (it has " + String.join(", ", plan.steps().stream().map(Plan.Entry::name).toList())
                + ")");
    }

    private int firstUnfinished(Map<String, Checkpoints.Row> recorded) {
        for (int i = 0; i < plan.steps().size(); i++) {
            Checkpoints.Row row = recorded.get(plan.steps().get(i).name());
            if (row == null || !row.finished()) {
                return i;
            }
        }
        return plan.steps().size();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
