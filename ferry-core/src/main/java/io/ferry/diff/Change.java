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
 * @param stage where it runs among the others
 */
public record Change(Kind kind, ObjectRef ref, List<Statement> statements, Stage stage) {
    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(stage, "stage");
        statements = List.copyOf(statements);
    }

    /** What a change does. */
    public enum Kind {
        CREATE, DROP, ALTER,
        /**
         * Sets NOT NULL on columns of a table, apart from the table's other changes; only in a diff
         * made {@link DiffOptions#phased()} (otherwise NOT NULL goes with the column's other changes).
         */
        NOT_NULL
    }

    /** Where a change runs: a diff's changes come in the order of these stages. */
    public enum Stage {
        /** Tables and columns renamed (declared with {@code --rename}). */
        RENAME,
        /** Partitions detached, tables leaving inheritance parents. */
        PRE,
        /**
         * Drops of what stands in the way of the creates: removed or replaced constraints, indexes,
         * views, triggers and policies, a name the new schema gives to something else.
         */
        EARLY_DROP,
        /** Creates and alters, in dependency order of the new schema. */
        MAIN,
        /**
         * Only in a diff made {@link DiffOptions#phased()}: NOT NULL set, then new constraints,
         * indexes, triggers and policies, and whatever the new schema's order puts after the first of them.
         */
        CONSTRAIN,
        /** Drops of what the new schema no longer has (columns, tables, sequences, ...), once nothing uses it. */
        LATE_DROP
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
