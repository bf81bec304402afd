package io.ferry.diff;

import io.ferry.schema.model.ObjectRef;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One change of a diff: the statements that create, drop or alter one object, in the order they run.
 *
 * @param kind what the change does to the object
 * @param ref the object (for column changes, their table)
 * @param statements its statements, without semicolons
 */
public record Change(Kind kind, ObjectRef ref, List<Statement> statements) {
    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ref, "ref");
        statements = List.copyOf(statements);
    }

    /** What a change does. */
    public enum Kind {
        CREATE, DROP, ALTER
    }

    /** One statement and what running it risks. */
    public record Statement(String sql, Set<Hazard> hazards) {
        public Statement {
            Objects.requireNonNull(sql, "sql");
            hazards = hazards.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(hazards));
        }

        public static Statement of(String sql, Hazard... hazards) {
            return new Statement(sql, hazards.length == 0 ? Set.of() : EnumSet.of(hazards[0], hazards));
        }

        public boolean destructive() {
            return hazards.contains(Hazard.DESTRUCTIVE);
        }
    }
}
