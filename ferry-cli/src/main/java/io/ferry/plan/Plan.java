package io.ferry.plan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as read and checked: its connections resolved to text (never holding a password written in
 * the file), and its steps prepared.
 *
 * @param name        the plan's name; checkpoints on the target are kept under it
 * @param connections connection name → URL, {@code embedded:NAME} or {@code ckan_ini:PATH}
 * @param target      the connection that holds the checkpoints, the run lock and the report's counts
 */
public record Plan(String name, String description, Path file, Map<String, String> connections, String target,
                   List<Entry> steps) {
    /** A step with its specification. */
    public record Entry(StepSpec spec, Step step) {
        public String name() {
            return spec.name();
        }
    }

    public Plan {
        connections = Collections.unmodifiableMap(new LinkedHashMap<>(connections));
        steps = List.copyOf(steps);
    }
}
