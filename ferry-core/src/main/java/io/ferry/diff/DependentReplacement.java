package io.ferry.diff;

import io.ferry.schema.model.Dependency;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.Table;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must go and come back because something it depends on does: whatever depends, in the old
 * schema, on an object removed, replaced or recast is replaced too, transitively (tables excepted),
 * as are the views on a table whose column types change or columns go, and the partitions a
 * replaced partitioned table keeps.
 */
final class DependentReplacement {
    private final Planning planning;

    private DependentReplacement(Planning planning) {
        this.planning = planning;
    }

    static void cascade(Planning planning) {
        new DependentReplacement(planning).cascade();
    }

    private void cascade() {
        Map<ObjectRef, List<ObjectRef>> dependents = new HashMap<>();
        for (Dependency dependency : planning.a.dependencies()) {
            dependents.computeIfAbsent(dependency.referenced(), r -> new ArrayList<>()).add(dependency.dependent());
        }
        Deque<ObjectRef> full = new ArrayDeque<>(planning.removed);
        full.addAll(planning.replaced);
        full.addAll(planning.recasts.keySet());
        Set<ObjectRef> seen = new TreeSet<>(full);
        for (Map.Entry<ObjectRef, TableDiff.Result> table : planning.tables.entrySet()) {
            if (table.getValue().breaking()) {
                for (ObjectRef dependent : dependents.getOrDefault(table.getKey(), List.of())) {
                    if (dependent.kind() == ObjectKind.VIEW || dependent.kind() == ObjectKind.MATERIALIZED_VIEW) {
                        replaceDependent(dependent, full, seen);
                    }
                }
            }
        }
        while (!full.isEmpty()) {
            ObjectRef ref = full.pop();
            for (ObjectRef dependent : dependents.getOrDefault(ref, List.of())) {
                if (dependent.kind() != ObjectKind.TABLE) {
                    replaceDependent(dependent, full, seen);
                }
            }
            if (planning.replaced.contains(ref) && ref.kind() == ObjectKind.TABLE) {
                for (Table partition : planning.rules.partitionsKept(ref)) {
                    replaceDependent(partition.ref(), full, seen);
                }
            }
        }
        planning.tables.keySet().removeAll(planning.replaced);
    }

    private void replaceDependent(ObjectRef dependent, Deque<ObjectRef> work, Set<ObjectRef> seen) {
        if (planning.b.find(dependent) != null && !planning.recasts.containsKey(dependent)) {
            planning.replaced.add(dependent);
        }
        if (seen.add(dependent)) {
            work.add(dependent);
        }
    }
}
