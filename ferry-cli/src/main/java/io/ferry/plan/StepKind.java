package io.ferry.plan;

/**
 * A kind of plan step ({@code transfer}, {@code migrate}, ...). {@link #prepare} reads and checks the
 * step's options when the plan is read, before anything runs, and returns the step ready to run.
 */
public interface StepKind {
    /** The word the plan file uses in {@code kind:}. */
    String name();

    /**
     * Checks the options and builds the step. Throws a CONFIGURATION {@link io.ferry.FerryException}
     * (via {@link Options#error}) for anything wrong: unknown keys, missing values, unknown connections.
     */
    Step prepare(StepSpec spec, PlanContext plan);
}
