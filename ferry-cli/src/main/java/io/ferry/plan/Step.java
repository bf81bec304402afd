package io.ferry.plan;

/** A prepared step of a plan. */
public interface Step {
    /** One or a few lines saying what the step will do (what {@code --dry-run} prints). */
    String describe();

    /**
     * Runs the step. A failure is a {@link io.ferry.FerryException}; the step is then recorded as failed
     * and the run stops, to be continued with {@code --resume}.
     *
     * @param resuming whether an earlier run started this step and did not finish it
     */
    StepResult run(RunContext context, boolean resuming);

    /**
     * The connections this step copies from and into, by name: a run refuses, before it touches
     * anything, a plan in which they are one database.
     */
    default java.util.Optional<Copy> copy() {
        return java.util.Optional.empty();
    }

    /** A copy from one of the plan's connections into another. */
    record Copy(String from, String to) {
    }
}
