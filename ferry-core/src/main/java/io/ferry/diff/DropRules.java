package io.ferry.diff;

import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.Function;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.Trigger;
import io.ferry.schema.model.View;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the {@link Planner}'s steps ask about objects that go: which go with another object (a table's
 * members, a partition's copies, an owned sequence), which must go on their own and early (a name
 * the new schema reuses, a foreign key between dropped tables, a function an overload replaces), and
 * which partitions a recreated partitioned table takes with it. It reads the planner's sets of
 * added, removed and replaced objects as they are filled.
 */
final class DropRules {
    /** The kinds that share the relation namespace: a name one of them frees another may take. */
    static final Set<ObjectKind> RELATION_KINDS = EnumSet.of(ObjectKind.TABLE, ObjectKind.VIEW,
            ObjectKind.MATERIALIZED_VIEW, ObjectKind.SEQUENCE, ObjectKind.INDEX, ObjectKind.ENUM, ObjectKind.DOMAIN,
            ObjectKind.COMPOSITE_TYPE);

    private final Schema a;
    private final Schema b;
    private final Set<ObjectRef> added;
    private final Set<ObjectRef> removed;
    private final Set<ObjectRef> replaced;

    DropRules(Schema a, Schema b, Set<ObjectRef> added, Set<ObjectRef> removed, Set<ObjectRef> replaced) {
        this.a = a;
        this.b = b;
        this.added = added;
        this.removed = removed;
        this.replaced = replaced;
    }

    /**
     * The partitions of a partitioned table that is dropped and created which stay its partitions in
     * the new schema: PostgreSQL drops them with it, so they are created again (their rows are lost,
     * and their drop statements say so). Partitions that leave it are detached first and keep theirs.
     */
    List<Table> partitionsKept(ObjectRef parent) {
        Table old = a.tables().get(parent.key());
        if (old.partitionKey() == null) {
            return List.of();
        }
        List<Table> kept = new ArrayList<>();
        for (Table partition : a.tables().values()) {
            Table now = b.tables().get(partition.ref().key());
            if (partition.isPartition() && partition.parents().contains(old.name()) && now != null
                    && now.isPartition() && now.parents().equals(partition.parents())) {
                kept.add(partition);
            }
        }
        return kept;
    }

    /**
     * Whether the new schema adds a function of the same name: the old one goes first, since
     * {@code CREATE OR REPLACE} of a function with the same argument types would replace it (or refuse
     * when an input parameter is renamed), and the late drop would then remove the new one.
     */
    boolean overloadAdded(Function old) {
        return added.stream().filter(r -> r.kind() == ObjectKind.FUNCTION).map(b::find)
                .anyMatch(f -> ((Function) f).name().equals(old.name()));
    }

    /** The keys of every name in the relation namespace: relations, types, and the indexes of keys. */
    static Set<String> relationNames(Schema schema) {
        Set<String> names = new TreeSet<>();
        schema.objects().filter(o -> RELATION_KINDS.contains(o.ref().kind())).forEach(o -> names.add(o.ref().key()));
        schema.constraints().values().forEach(c -> {
            QualifiedName index = keyIndex(c);
            if (index != null) {
                names.add(ObjectRef.key(index));
            }
        });
        return names;
    }

    /** The name of the index behind a primary key, unique or exclusion constraint; else null. */
    private static QualifiedName keyIndex(Constraint constraint) {
        return switch (constraint.kind()) {
            case PRIMARY_KEY, UNIQUE, EXCLUSION -> new QualifiedName(constraint.table().schema(), constraint.name());
            default -> null;
        };
    }

    /**
     * Whether an index (or key constraint) of a table that is removed late holds a name that the new
     * schema gives to another relation: it is dropped early on its own, so the name is free before
     * anything takes it. Not a partition's index whose parent index is dropped, nor a partition's key
     * inherited from its parent's: PostgreSQL refuses to drop those on their own ("index ... requires
     * it", "cannot drop inherited constraint"), and the parent's drop, early too, takes them along.
     */
    boolean freesName(SchemaObject old, Set<String> newNames, Set<ObjectRef> dropped) {
        if (old instanceof Index i && i.parent() != null
                && dropped.contains(new ObjectRef(ObjectKind.INDEX, ObjectRef.key(i.parent())))
                || old instanceof Constraint c && c.inherited()) {
            return false;
        }
        QualifiedName name = old instanceof Index i ? i.name() : old instanceof Constraint c ? keyIndex(c) : null;
        QualifiedName table = Names.tableOf(old);
        return name != null && newNames.contains(ObjectRef.key(name)) && table != null
                && !replaced.contains(Names.table(table));
    }

    /**
     * Whether a foreign key of a dropped table references another dropped table: it is dropped on its
     * own first, so the tables can go in any order (they may reference each other).
     */
    static boolean referencesDropped(SchemaObject old, Set<ObjectRef> dropped) {
        return old instanceof Constraint c && c.referencedTable() != null && !c.inherited()
                && !c.referencedTable().equals(c.table()) && dropped.contains(Names.table(c.referencedTable()));
    }

    /**
     * Whether the object goes without a statement of its own: a member of a table or view that is
     * dropped, a partition's copy of its parent's constraint, trigger or index, a sequence owned by a
     * column that is dropped.
     */
    boolean droppedWithOther(SchemaObject old, Set<ObjectRef> dropped) {
        QualifiedName table = Names.tableOf(old);
        if (table != null && dropped.contains(relationRef(a, table))) {
            return true;
        }
        if (old instanceof Constraint c && c.inherited() || old instanceof Trigger t && t.inherited()) {
            return true;
        }
        if (old instanceof Index i && i.parent() != null
                && dropped.contains(new ObjectRef(ObjectKind.INDEX, ObjectRef.key(i.parent())))) {
            return true;
        }
        if (old instanceof Sequence s && s.ownedBy() != null) {
            return ownerGoes(s) || TableDiff.identityTakesOver(s, b);
        }
        return false;
    }

    /** Whether the column owning {@code sequence} is dropped (taking the sequence with it). */
    boolean ownerGoes(Sequence sequence) {
        ObjectRef table = Names.table(sequence.ownedBy().table());
        Table now = b.tables().get(table.key());
        return removed.contains(table) || replaced.contains(table) || now == null
                || now.column(sequence.ownedBy().column()) == null;
    }

    private static ObjectRef relationRef(Schema schema, QualifiedName relation) {
        View view = schema.views().get(relation.sql());
        return view != null ? view.ref() : Names.table(relation);
    }
}
