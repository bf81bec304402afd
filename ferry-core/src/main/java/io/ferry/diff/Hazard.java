package io.ferry.diff;

/** What running one statement of a diff may do besides changing the schema. */
public enum Hazard {
    /** Loses data: drops a table, column or sequence, narrows a type, removes enum values. */
    DESTRUCTIVE,
    /** Rewrites every row of the table (type change, SET LOGGED, a stored generated column). */
    TABLE_REWRITE,
    /** Takes an ACCESS EXCLUSIVE lock: every read and write of the table waits until it ends. */
    ACCESS_EXCLUSIVE,
    /** Blocks writes to the table while it runs (CREATE INDEX without CONCURRENTLY). */
    BLOCKS_WRITES
}
