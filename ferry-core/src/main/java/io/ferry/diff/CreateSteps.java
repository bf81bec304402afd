package io.ferry.diff;

import static io.ferry.diff.Change.Statement.of;

import io.ferry.diff.Change.Stage;
import io.ferry.diff.Change.Statement;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.View;
import io.ferry.schema.script.DependencyOrder.Part;
import io.ferry.schema.script.ObjectScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The creates of added and replaced objects, with what follows each: a materialized view's refresh,
 * a sequence's owning column, a partition's or index's attachment to its parent.
 */
final class CreateSteps {
    private final Planning planning;

    private CreateSteps(Planning planning) {
        this.planning = planning;
    }

    static void plan(Planning planning) {
        new CreateSteps(planning).plan();
    }

    private void plan() {
        Set<ObjectRef> created = new TreeSet<>(planning.added);
        created.addAll(planning.replaced);
        for (ObjectRef ref : created) {
            SchemaObject now = planning.b.find(ref);
            if (now instanceof Index i && madeByPartition(i)) {
                continue;
            }
            List<Statement> sql = new ArrayList<>();
            List<String> create = ObjectScript.create(now, planning.b, planning.options.privileges());
            for (int i = 0; i < create.size(); i++) {
                sql.add(i == 0 ? createStatement(now, create.get(i)) : of(create.get(i)));
            }
            if (now instanceof View v && v.materialized()) {
                sql.add(of("REFRESH MATERIALIZED VIEW " + v.name().sql()));
            }
            planning.add(Stage.MAIN, Change.Kind.CREATE, ref, sql, planning.newRank(ref, Part.OBJECT));
            if (now instanceof Sequence s && s.ownedBy() != null) {
                planning.add(Stage.MAIN, Change.Kind.ALTER, ref, List.of(of(s.ownedBySql())),
                        planning.newRank(ref, Part.OWNED_BY));
            }
            List<String> attach = ObjectScript.attach(now);
            if (!attach.isEmpty()) {
                planning.add(Stage.MAIN, Change.Kind.ALTER, ref, Planning.statements(attach),
                        planning.newRank(ref, Part.ATTACH));
            }
        }
    }

    private static Statement createStatement(SchemaObject object, String sql) {
        return switch (object.ref().kind()) {
            case INDEX -> of(sql, Hazard.BLOCKS_WRITES);
            case CONSTRAINT -> ((Constraint) object).inherited() ? of(sql) : of(sql, Hazard.ACCESS_EXCLUSIVE);
            default -> of(sql);
        };
    }

    /**
     * Whether PostgreSQL makes this index itself: a partition created or attached by this diff gets
     * a copy of each index its parent already has.
     */
    private boolean madeByPartition(Index index) {
        if (index.parent() == null || !planning.a.indexes().containsKey(index.parent().sql())
                || planning.replaced.contains(new ObjectRef(ObjectKind.INDEX, ObjectRef.key(index.parent())))) {
            return false;
        }
        Table now = planning.b.tables().get(index.table().sql());
        Table old = planning.a.tables().get(index.table().sql());
        return now != null && now.isPartition() && (old == null || !old.isPartition()
                || planning.replaced.contains(now.ref()) || !old.parents().equals(now.parents()));
    }
}
