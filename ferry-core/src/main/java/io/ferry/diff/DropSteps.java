package io.ferry.diff;

import static io.ferry.diff.Change.Statement.of;

import io.ferry.diff.Change.Stage;
import io.ferry.diff.Change.Statement;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.Dependency;
import io.ferry.schema.model.Function;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Table;
import io.ferry.schema.script.DependencyOrder.Part;
import io.ferry.sql.Identifiers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The drops of removed and replaced objects, early (before the creates) or late (after them), by
 * {@link DropRules}; an object dropped with another (a table's index, say) gets no drop of its own.
 */
final class DropSteps {
    private static final Set<ObjectKind> EARLY_DROP_KINDS = EnumSet.of(ObjectKind.VIEW,
            ObjectKind.MATERIALIZED_VIEW, ObjectKind.CONSTRAINT, ObjectKind.INDEX, ObjectKind.TRIGGER, ObjectKind.POLICY);

    private final Planning planning;

    private DropSteps(Planning planning) {
        this.planning = planning;
    }

    static void plan(Planning planning) {
        new DropSteps(planning).plan();
    }

    private void plan() {
        Set<ObjectRef> dropped = new TreeSet<>(planning.removed);
        dropped.addAll(planning.replaced);
        Set<String> newNames = DropRules.relationNames(planning.b);
        Map<ObjectRef, SchemaObject> own = new TreeMap<>();
        Set<ObjectRef> early = new TreeSet<>();
        for (ObjectRef ref : dropped) {
            SchemaObject old = planning.a.find(ref);
            if (planning.rules.droppedWithOther(old, dropped) && !planning.rules.freesName(old, newNames, dropped)
                    && !DropRules.referencesDropped(old, dropped)) {
                continue;
            }
            own.put(ref, old);
            if (planning.replaced.contains(ref) || EARLY_DROP_KINDS.contains(ref.kind())
                    || DropRules.RELATION_KINDS.contains(ref.kind()) && newNames.contains(ref.key())
                    || old instanceof Function f && planning.rules.overloadAdded(f)
                    || old instanceof Table t && t.isPartition()
                            && planning.replaced.contains(Names.table(t.parents().get(0)))) {
                early.add(ref);
            }
        }
        dropDependentsEarly(own.keySet(), early);
        own.forEach((ref, old) -> {
            boolean first = early.contains(ref);
            planning.add(first ? Stage.EARLY_DROP : Stage.LATE_DROP, Change.Kind.DROP, ref, List.of(drop(old)),
                    planning.oldRank(ref, Part.OBJECT));
            if (first && old instanceof Function f) {
                liftDefaults(f);
            }
        });
    }

    /**
     * Removed objects that depend on one dropped early are dropped early too (a function returning
     * the row type of a removed view, say), transitively.
     */
    private void dropDependentsEarly(Set<ObjectRef> own, Set<ObjectRef> early) {
        Map<ObjectRef, List<ObjectRef>> dependents = new HashMap<>();
        for (Dependency dependency : planning.a.dependencies()) {
            if (own.contains(dependency.dependent())) {
                dependents.computeIfAbsent(dependency.referenced(), r -> new ArrayList<>()).add(dependency.dependent());
            }
        }
        Deque<ObjectRef> work = new ArrayDeque<>(early);
        while (!work.isEmpty()) {
            for (ObjectRef dependent : dependents.getOrDefault(work.pop(), List.of())) {
                if (early.add(dependent)) {
                    work.add(dependent);
                }
            }
        }
    }

    /**
     * Column defaults of kept tables that call a function dropped early: dropped before it and set
     * again once the new function exists (pg_depend records the table, so every default naming the
     * function is lifted).
     */
    private void liftDefaults(Function function) {
        for (Dependency dependency : planning.a.dependencies()) {
            if (!dependency.referenced().equals(function.ref()) || dependency.dependent().kind() != ObjectKind.TABLE
                    || planning.replaced.contains(dependency.dependent())
                    || planning.removed.contains(dependency.dependent())) {
                continue;
            }
            Table old = planning.a.tables().get(dependency.dependent().key());
            Table now = planning.b.tables().get(dependency.dependent().key());
            for (Column column : old.columns()) {
                if (column.defaultExpr() == null || !column.defaultExpr().contains(function.name().name())
                        || column.inherited()) {
                    continue;
                }
                String alter = "ALTER TABLE ONLY " + old.name().sql() + " ALTER COLUMN " + Identifiers.quote(column.name());
                planning.add(Stage.EARLY_DROP, Change.Kind.ALTER, old.ref(), List.of(of(alter + " DROP DEFAULT")),
                        planning.oldRank(old.ref(), Part.OBJECT));
                Column kept = now.column(column.name());
                if (kept != null && kept.defaultExpr() != null && kept.identity() == null) {
                    planning.add(Stage.MAIN, Change.Kind.ALTER, now.ref(),
                            List.of(of(alter + " SET DEFAULT " + kept.defaultExpr())),
                            planning.newRank(now.ref(), Part.OBJECT));
                }
            }
        }
    }

    private static Statement drop(SchemaObject old) {
        return switch (old.ref().kind()) {
            case TABLE, SEQUENCE, EXTENSION -> of(old.dropSql(), Hazard.DESTRUCTIVE, Hazard.ACCESS_EXCLUSIVE);
            case VIEW, MATERIALIZED_VIEW, CONSTRAINT, INDEX, TRIGGER, POLICY -> of(old.dropSql(), Hazard.ACCESS_EXCLUSIVE);
            default -> of(old.dropSql());
        };
    }
}
