package io.ferry.schema.model;

import java.util.Objects;

/**
 * The parameters of a sequence, as {@code pg_sequence} holds them. Its current value is data, not
 * schema, and is not part of the model.
 *
 * @param type the data type ({@code smallint}, {@code integer} or {@code bigint})
 */
public record SequenceOptions(String type, long start, long increment, long min, long max, long cache,
                              boolean cycle) {
    public SequenceOptions {
        Objects.requireNonNull(type, "type");
    }

    /** The options for {@code CREATE SEQUENCE}, every one spelled out so nothing depends on defaults. */
    public String sql() {
        return "AS " + type + " " + withoutType();
    }

    /**
     * The options for an identity column's sequence, without {@code AS type}: that sequence always
     * has the column's type.
     */
    public String withoutType() {
        return "START WITH " + start + " INCREMENT BY " + increment + " MINVALUE " + min + " MAXVALUE " + max
                + " CACHE " + cache + (cycle ? " CYCLE" : " NO CYCLE");
    }
}
