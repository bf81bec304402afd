package io.ferry.schema.model;

/** What {@code pg_proc.prokind} says a routine is. */
public enum FunctionKind {
    FUNCTION,
    PROCEDURE,
    WINDOW,
    /** An aggregate: its definition is a {@code CREATE AGGREGATE} statement. */
    AGGREGATE
}
