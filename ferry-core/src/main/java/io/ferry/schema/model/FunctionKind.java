package io.ferry.schema.model;

/** What {@code pg_proc.prokind} says a routine is. Aggregates are not modelled (see {@link Function}). */
public enum FunctionKind {
    FUNCTION,
    PROCEDURE,
    WINDOW
}
