package io.ferry.diff;

import io.ferry.diff.Change.Stage;
import io.ferry.schema.model.ObjectKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The order of a phased diff ({@code ferry new}): what constrains the data is built once the data is in. */
final class ConstrainStage {
    /** What a phased diff builds only once the data is in: NOT NULL, constraints, indexes, triggers, policies. */
    private static final Set<ObjectKind> CONSTRAIN_KINDS = EnumSet.of(ObjectKind.CONSTRAINT, ObjectKind.INDEX,
            ObjectKind.TRIGGER, ObjectKind.POLICY);

    private ConstrainStage() {
    }

    /**
     * A phased diff's order: NOT NULL changes, and the main stage from its first constraint, index,
     * trigger or policy on, move to {@link Stage#CONSTRAIN}, after every other create and alter. Taking
     * the whole rest of the main stage keeps the new schema's order for whatever depends on them.
     */
    static List<Change> constrainLast(List<Change> changes) {
        List<Change> restaged = new ArrayList<>();
        boolean constraining = false;
        for (Change change : changes) {
            if (change.stage() == Stage.MAIN) {
                constraining |= CONSTRAIN_KINDS.contains(change.ref().kind());
                if (constraining || change.kind() == Change.Kind.NOT_NULL) {
                    change = new Change(change.kind(), change.ref(), change.statements(), Stage.CONSTRAIN);
                }
            }
            restaged.add(change);
        }
        // A stable sort: within each stage the planner's order stays (NOT NULL at its table's turn, so first).
        return restaged.stream().sorted(Comparator.comparing(Change::stage)).toList();
    }
}
