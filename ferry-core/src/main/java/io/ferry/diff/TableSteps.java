package io.ferry.diff;

import io.ferry.diff.Change.Stage;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.script.DependencyOrder.Part;
import java.util.Map;

/**
 * The changes of tables altered in place ({@link TableDiff}): what goes before the drops (detaching
 * partitions, leaving parents), the alters, NOT NULL, the late drops of columns, and the settings of
 * kept indexes.
 */
final class TableSteps {
    private final Planning planning;

    private TableSteps(Planning planning) {
        this.planning = planning;
    }

    static void plan(Planning planning) {
        new TableSteps(planning).plan();
    }

    private void plan() {
        for (Map.Entry<ObjectRef, TableDiff.Result> entry : planning.tables.entrySet()) {
            ObjectRef ref = entry.getKey();
            TableDiff.Result result = entry.getValue();
            planning.add(Stage.PRE, Change.Kind.ALTER, ref, result.pre(), planning.oldRank(ref, Part.OBJECT));
            planning.add(Stage.MAIN, Change.Kind.ALTER, ref, result.alter(), planning.newRank(ref, Part.OBJECT));
            planning.add(Stage.MAIN, Change.Kind.NOT_NULL, ref, result.notNull(), planning.newRank(ref, Part.OBJECT));
            planning.add(Stage.LATE_DROP, Change.Kind.DROP, ref, result.drops(), planning.oldRank(ref, Part.OBJECT));
            result.indexSettings().forEach((index, statements) -> {
                ObjectRef owner = indexOwner(index, ref);
                // An index created by this diff comes with its table's settings already.
                if (owner != null && !planning.added.contains(owner) && !planning.replaced.contains(owner)) {
                    planning.add(Stage.MAIN, Change.Kind.ALTER, ref, statements, planning.newRank(owner, Part.OBJECT));
                }
            });
        }
    }

    /** The index, or the key constraint behind it, that has this name in the new schema. */
    private ObjectRef indexOwner(QualifiedName index, ObjectRef table) {
        ObjectRef plain = new ObjectRef(ObjectKind.INDEX, ObjectRef.key(index));
        if (planning.b.find(plain) != null) {
            return plain;
        }
        ObjectRef key = new ObjectRef(ObjectKind.CONSTRAINT, ObjectRef.memberKey(planning.b.tables().get(table.key()).name(),
                index.name()));
        return planning.b.find(key) != null ? key : null;
    }
}
