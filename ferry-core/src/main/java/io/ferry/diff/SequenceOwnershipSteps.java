package io.ferry.diff;

import static io.ferry.diff.Change.Statement.of;

import io.ferry.diff.Change.Stage;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.script.DependencyOrder.Part;
import java.util.List;
import java.util.Objects;

/**
 * Ownership of sequences kept in both schemas: released first when the owning column goes (so the
 * sequence survives it), set once the new owning column exists.
 */
final class SequenceOwnershipSteps {
    private SequenceOwnershipSteps() {
    }

    static void plan(Planning planning) {
        for (Sequence old : planning.a.sequences().values()) {
            Sequence now = planning.b.sequences().get(old.ref().key());
            if (now == null || planning.replaced.contains(now.ref())) {
                continue;
            }
            boolean released = old.ownedBy() != null && planning.rules.ownerGoes(old);
            if (released) {
                planning.add(Stage.PRE, Change.Kind.ALTER, now.ref(), List.of(of(ownedByNone(now))),
                        planning.oldRank(old.ref(), Part.OBJECT));
            }
            if (!Objects.equals(old.ownedBy(), now.ownedBy()) || released && now.ownedBy() != null) {
                String sql = now.ownedBy() == null ? ownedByNone(now) : now.ownedBySql();
                if (now.ownedBy() != null || !released) {
                    planning.add(Stage.MAIN, Change.Kind.ALTER, now.ref(), List.of(of(sql)),
                            planning.newRank(now.ref(), now.ownedBy() == null ? Part.OBJECT : Part.OWNED_BY));
                }
            }
        }
    }

    private static String ownedByNone(Sequence sequence) {
        return "ALTER SEQUENCE " + sequence.name().sql() + " OWNED BY NONE";
    }
}
