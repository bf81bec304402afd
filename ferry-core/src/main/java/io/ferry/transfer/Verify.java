package io.ferry.transfer;

/** How a copy checks itself. */
public enum Verify {
    /** Trust COPY. */
    NONE,
    /** Rows sent by the source equal rows accepted by the target, per chunk and per table. */
    COUNTS,
    /** Counts, and an order-independent checksum of every row's text on both sides. */
    CHECKSUMS
}
