package io.ferry.plan;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plan as read and checked: its connections resolved to text (never holding a password written in
 * the file), and its steps prepared.
 *
 * @param name        the plan's name; checkpoints on the target are kept under it
 * @param connections connection name → URL, {@code embedded:NAME} or {@code ckan_ini:PATH}
 * @param notGiven    optional connections ({@code ${VAR:-}}) left empty: the steps naming them are skipped
 * @param target      the connection that holds the checkpoints, the run lock and the report's counts
 */
public record Plan(String name, String description, Path file, Map<String, String> connections,
                   Set<String> notGiven, String target, List<Entry> steps) {
    /**
     * A step with its specification.
     *
     * @param missing the connections it names that were not given: it is skipped when there are any
     */
    public record Entry(StepSpec spec, Step step, Set<String> missing) {
        public Entry {
            missing = Collections.unmodifiableSet(new LinkedHashSet<>(missing));
        }

        public String name() {
            return spec.name();
        }

        public boolean skipped() {
            return !missing.isEmpty();
        }

        /** Why the step does not run, e.g. "connection datastore_source not given". */
        public String skipReason() {
            return (missing.size() == 1 ? "connection " : "connections ") + String.join(", ", missing) + " not given";
        }
    }

    public Plan {
        connections = Collections.unmodifiableMap(new LinkedHashMap<>(connections));
        notGiven = Collections.unmodifiableSet(new LinkedHashSet<>(notGiven));
        steps = List.copyOf(steps);
    }
}
