package io.ferry.diff;

import static io.ferry.diff.Change.Statement.of;

import io.ferry.diff.Change.Stage;
import io.ferry.diff.Change.Statement;
import io.ferry.schema.model.CompositeType;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.EnumType;
import io.ferry.schema.model.Extension;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.Owned;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.View;
import io.ferry.schema.script.DependencyOrder.Part;
import io.ferry.schema.script.ObjectScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What changed: each object of the old schema is removed, or compared with its namesake in the new
 * one; what only the new schema has is added. An object in both whose definition differs is
 * altered in place where PostgreSQL can, else replaced; comments, attachments to parent indexes,
 * owners and privileges (when asked for) are altered in place. Tables are compared by
 * {@link TableDiff} and planned later ({@link TableSteps}).
 */
final class ChangedObjects {
    private final Planning planning;

    private ChangedObjects(Planning planning) {
        this.planning = planning;
    }

    static void classify(Planning planning) {
        new ChangedObjects(planning).classify();
    }

    private void classify() {
        planning.a.objects().forEach(old -> {
            SchemaObject now = planning.b.find(old.ref());
            if (now == null) {
                planning.removed.add(old.ref());
            } else {
                compare(old, now);
            }
        });
        planning.b.objects().filter(o -> planning.a.find(o.ref()) == null).forEach(o -> planning.added.add(o.ref()));
    }

    private void compare(SchemaObject old, SchemaObject now) {
        ObjectRef ref = now.ref();
        if (old instanceof Table before) {
            TableDiff.Result result = TableDiff.compare(before, (Table) now, planning.a, planning.b,
                    planning.options.phased());
            if (result.replace()) {
                planning.replaced.add(ref);
                return;
            }
            if (!result.isEmpty()) {
                planning.tables.put(ref, result);
            }
            ownership(old, now);
            return;
        }
        if (old instanceof Constraint before && now instanceof Constraint after
                && !Objects.equals(before.indexParent(), after.indexParent())) {
            if (before.indexParent() != null) {
                // An index cannot be detached from its parent index: the key is made again.
                planning.replaced.add(ref);
                return;
            }
            planning.add(Stage.MAIN, Change.Kind.ALTER, ref, Planning.statements(ObjectScript.attach(after)),
                    planning.newRank(ref, Part.ATTACH));
        }
        if (!sameDefinition(old, now)) {
            List<Statement> alter = alterInPlace(old, now);
            if (alter == null) {
                planning.replaced.add(ref);
                return;
            }
            planning.add(Stage.MAIN, Change.Kind.ALTER, ref, alter, planning.newRank(ref, Part.OBJECT));
        }
        if (old instanceof Index before && !Objects.equals(before.parent(), ((Index) now).parent())
                && ((Index) now).parent() != null) {
            planning.add(Stage.MAIN, Change.Kind.ALTER, ref, Planning.statements(ObjectScript.attach((Index) now)),
                    planning.newRank(ref, Part.ATTACH));
        }
        if (!Objects.equals(old.comment(), now.comment()) && !(now instanceof Extension)) {
            planning.add(Stage.MAIN, Change.Kind.ALTER, ref, List.of(of(now.commentSql())), planning.newRank(ref, Part.OBJECT));
        }
        if (planning.replaced.contains(ref)) {
            return;
        }
        planning.add(Stage.MAIN, Change.Kind.ALTER, ref, memberComments(old, now), planning.newRank(ref, Part.OBJECT));
        ownership(old, now);
    }

    /**
     * Comments a definition leaves out and the object's own comment is not: on a view's columns, a
     * composite type's attributes, the index behind a key.
     */
    private static List<Statement> memberComments(SchemaObject old, SchemaObject now) {
        List<Statement> sql = new ArrayList<>();
        if (old instanceof View v && now instanceof View w) {
            sql.addAll(CompositeTypeDiff.columnComments(v.name(), v.columns(), w.columns()));
        } else if (old instanceof CompositeType c && now instanceof CompositeType d) {
            sql.addAll(CompositeTypeDiff.columnComments(d.name(), c.attributes(), d.attributes()));
        } else if (old instanceof Constraint c && now instanceof Constraint d
                && !Objects.equals(c.indexComment(), d.indexComment())) {
            sql.add(of(d.indexCommentSql()));
        }
        return sql;
    }

    private boolean sameDefinition(SchemaObject old, SchemaObject now) {
        if (!ObjectScript.definition(old, planning.a).equals(ObjectScript.definition(now, planning.b))) {
            return false;
        }
        if (old instanceof View v && now instanceof View w) {
            return v.columns().stream().map(c -> c.name() + " " + c.type()).toList()
                    .equals(w.columns().stream().map(c -> c.name() + " " + c.type()).toList());
        }
        return true;
    }

    private List<Statement> alterInPlace(SchemaObject old, SchemaObject now) {
        if (old instanceof EnumType before && now instanceof EnumType after) {
            List<Statement> values = EnumDiff.addValues(before, after);
            if (values != null) {
                return values;
            }
            EnumDiff.Recast recast = EnumDiff.recast(before, after, planning.a, planning.b);
            planning.recasts.put(now.ref(), recast);
            planning.add(Stage.LATE_DROP, Change.Kind.DROP, old.ref(), List.of(recast.dropOld()),
                    planning.oldRank(old.ref(), Part.OBJECT));
            return recast.statements();
        }
        return InPlace.alter(old, now, planning.a);
    }

    /** Owner and privileges, compared only when asked for. */
    private void ownership(SchemaObject old, SchemaObject now) {
        if (!planning.options.privileges()) {
            return;
        }
        List<Statement> sql = new ArrayList<>();
        if (old instanceof Owned o && now instanceof Owned n && !o.owner().equals(n.owner())) {
            sql.add(of(n.ownerSql()));
        }
        sql.addAll(Planning.statements(Privileges.change(old, now, planning.a, planning.b)));
        planning.add(Stage.MAIN, Change.Kind.ALTER, now.ref(), sql, planning.newRank(now.ref(), Part.OBJECT));
    }
}
