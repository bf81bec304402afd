package io.ferry.schema.model;

/** What kind of table a {@link Table} is. */
public enum TableKind {
    /** A plain, WAL-logged table (a partition is one too, unless it is itself partitioned). */
    ORDINARY,
    /** An {@code UNLOGGED} table: not crash-safe, not replicated. */
    UNLOGGED,
    /** A partitioned table, which holds no rows itself. */
    PARTITIONED
}
