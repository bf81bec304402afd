package io.ferry.diff;

import io.ferry.diff.Change.Stage;
import io.ferry.diff.Planning.Planned;
import io.ferry.schema.model.Schema;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the changes between two schemas and puts them in an order that runs.
 *
 * <p>Every object is compared by its key: only in the old schema, it is removed; only in the new,
 * added; in both with a different definition, it is altered in place where PostgreSQL can
 * ({@link TableDiff}, {@link EnumDiff}, {@link InPlace}), else replaced (dropped and created); see
 * {@link ChangedObjects}. Whatever depends, in the old schema, on an object that is removed or
 * replaced (or on a table whose column types change or columns go, or on an enum that is recast)
 * must go first and come back after: those dependents are replaced too, transitively
 * ({@link DependentReplacement}). Tables are never replaced that way.
 *
 * <p>The order, in phases: renames; detaching partitions and leaving parents; drops of replaced
 * objects and of removed views, constraints, indexes, triggers and policies, in reverse dependency
 * order of the old schema; creates and alters in dependency order of the new schema (so sequences
 * and functions come before the defaults, checks and indexes that use them, keys before the foreign
 * keys that need them); then drops of removed columns, tables, sequences, functions, types and
 * schemas, again in reverse dependency order of the old schema, once nothing uses them any more
 * ({@link DropSteps}, {@link CreateSteps}, {@link TableSteps}, {@link SequenceOwnershipSteps}).
 * Some of those go early after all ({@link DropRules}): whatever frees a name the new schema takes, a
 * function of a name that is added again (with the column defaults calling it lifted), the
 * partitions of a recreated partitioned table, and any removed object that depends on an early drop.
 * A {@link DiffOptions#phased()} diff builds NOT NULL and the new constraints in a stage of their own
 * after the creates and alters, so that a migration can move data in between ({@link ConstrainStage}).
 */
final class Planner {
    private final Planning planning;

    Planner(Schema a, Schema b, DiffOptions options) {
        this.planning = new Planning(a, b, options);
    }

    Diff plan(List<Change> renames) {
        for (int i = 0; i < renames.size(); i++) {
            planning.add(renames.get(i), i);
        }
        ChangedObjects.classify(planning);
        DependentReplacement.cascade(planning);
        DropSteps.plan(planning);
        CreateSteps.plan(planning);
        TableSteps.plan(planning);
        SequenceOwnershipSteps.plan(planning);
        Comparator<Planned> order = Comparator.comparing(Planned::stage)
                .thenComparingInt(p -> p.stage() == Stage.EARLY_DROP || p.stage() == Stage.LATE_DROP ? -p.rank() : p.rank())
                .thenComparingInt(Planned::seq);
        List<Change> changes = planning.planned().stream().filter(p -> !p.change().statements().isEmpty()).sorted(order)
                .map(Planned::change).toList();
        return new Diff(planning.options.phased() ? ConstrainStage.constrainLast(changes) : changes);
    }
}
