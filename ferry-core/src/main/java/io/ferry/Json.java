package io.ferry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Ferry's JSON mappers, created on first use: loading Jackson costs a few hundred milliseconds of
 * start-up, which commands that print no JSON should not pay.
 */
public final class Json {
    private Json() {
    }

    private static final class Compact {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static final class Pretty {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** For machines: one line. */
    public static ObjectMapper compact() {
        return Compact.MAPPER;
    }

    /** For people reading {@code --json} output: indented. */
    public static ObjectMapper pretty() {
        return Pretty.MAPPER;
    }
}
