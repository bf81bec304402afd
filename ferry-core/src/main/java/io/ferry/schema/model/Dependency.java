package io.ferry.schema.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * One edge of the dependency graph: {@code dependent} needs {@code referenced} to exist (a view needs
 * its tables, a column default its sequence, a foreign key the unique constraint it references, a
 * trigger its function). Both ends are objects of the same {@link Schema}.
 */
public record Dependency(ObjectRef dependent, ObjectRef referenced) implements Comparable<Dependency> {
    private static final Comparator<Dependency> ORDER =
            Comparator.comparing(Dependency::dependent).thenComparing(Dependency::referenced);

    public Dependency {
        Objects.requireNonNull(dependent, "dependent");
        Objects.requireNonNull(referenced, "referenced");
        if (dependent.equals(referenced)) {
            throw new IllegalArgumentException("an object cannot depend on itself: " + dependent);
        }
    }

    @Override
    public int compareTo(Dependency other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return dependent + " -> " + referenced;
    }
}
