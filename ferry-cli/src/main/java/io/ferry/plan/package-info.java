/**
 * {@code ferry run PLAN}: a runbook as a YAML file of named connections and steps, run in order with
 * each finished step checkpointed on the target (so {@code --resume} continues after a crash), one run
 * per target at a time, and a report (Markdown, JSON, HTML) at the end.
 *
 * <p>Each step kind is one {@link io.ferry.plan.StepKind} in the {@link io.ferry.plan.StepKinds}
 * registry; a kind checks its options when the plan is read, so a bad plan is refused before any
 * step runs.
 */
package io.ferry.plan;
