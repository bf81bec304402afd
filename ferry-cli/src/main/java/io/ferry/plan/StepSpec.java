package io.ferry.plan;

/**
 * One step as the plan file writes it.
 *
 * @param name    unique in the plan; checkpoints, {@code --from-step} and the report name it
 * @param kind    the step kind ({@code transfer}, {@code migrate}, ...)
 * @param options the step's other keys
 */
public record StepSpec(String name, String kind, Options options) {
}
