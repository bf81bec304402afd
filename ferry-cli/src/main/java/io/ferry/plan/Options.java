package io.ferry.plan;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step's keys from the plan file, read by the step kind with typed getters. Every key a kind reads
 * is remembered, so {@link #requireAllRead()} can refuse a misspelt key instead of ignoring it.
 */
public final class Options {
    private final String step;
    private final Map<String, Object> values;
    private final Set<String> read = new HashSet<>();

    Options(String step, Map<String, Object> values) {
        this.step = step;
        this.values = new LinkedHashMap<>(values);
    }

    public String string(String key, String fallback) {
        read.add(key);
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map || value instanceof List) {
            throw error(key + " must be a single value");
        }
        return value.toString();
    }

    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            throw error("needs " + key);
        }
        return value;
    }

    public int integer(String key, int fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw error(key + " must be a whole number, not '" + value + "'");
        }
    }

    /** A list of strings; a single string counts as a list of one. */
    public List<String> strings(String key) {
        read.add(key);
        Object value = values.get(key);
        List<String> list = new ArrayList<>();
        if (value == null) {
            return list;
        }
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map || item instanceof List || item == null) {
                    throw error(key + " must be a list of names");
                }
                list.add(item.toString());
            }
        } else if (value instanceof Map) {
            throw error(key + " must be a list of names");
        } else {
            list.add(value.toString());
        }
        return list;
    }

    /** Refuses keys no getter asked for: a misspelt option must not be silently ignored. */
    public void requireAllRead() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw error("has an unknown key '" + key + "'");
            }
        }
    }

    /** A plan error about this step: CONFIGURATION (exit 3), raised before anything runs. */
    public FerryException error(String message) {
        return new FerryException(ErrorCode.CONFIGURATION, "plan step '" + step + "' " + message);
    }
}
