package io.ferry.diff;

import static io.ferry.diff.Change.Statement.of;

import io.ferry.diff.Change.Stage;
import io.ferry.diff.Change.Statement;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.CompositeType;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.Dependency;
import io.ferry.schema.model.EnumType;
import io.ferry.schema.model.Extension;
import io.ferry.schema.model.Function;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Owned;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.View;
import io.ferry.schema.script.DependencyOrder;
import io.ferry.schema.script.DependencyOrder.Part;
import io.ferry.schema.script.ObjectScript;
import io.ferry.sql.Identifiers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds the changes between two schemas and puts them in an order that runs.
 *
 * <p>Every object is compared by its key: only in the old schema, it is removed; only in the new,
 * added; in both with a different definition, it is altered in place where PostgreSQL can
 * ({@link TableDiff}, {@link EnumDiff}, {@link InPlace}), else replaced (dropped and created).
 * Whatever depends, in the old schema, on an object that is removed or replaced (or on a table
 * whose column types change or columns go, or on an enum that is recast) must go first and come
 * back after: those dependents are replaced too, transitively. Tables are never replaced that way.
 *
 * <p>The order, in phases: renames; detaching partitions and leaving parents; drops of replaced
 * objects and of removed views, constraints, indexes, triggers and policies, in reverse dependency
 * order of the old schema; creates and alters in dependency order of the new schema (so sequences
 * and functions come before the defaults, checks and indexes that use them, keys before the foreign
 * keys that need them); then drops of removed columns, tables, sequences, functions, types and
 * schemas, again in reverse dependency order of the old schema, once nothing uses them any more.
 * Some of those go early after all ({@link DropRules}): whatever frees a name the new schema takes, a
 * function of a name that is added again (with the column defaults calling it lifted), the
 * partitions of a recreated partitioned table, and any removed object that depends on an early drop.
 * A {@link DiffOptions#phased()} diff builds NOT NULL and the new constraints in a stage of their own
 * after the creates and alters, so that a migration can move data in between.
 */
final class Planner {
    private record Planned(Change change, int rank, int seq) {
        Stage stage() {
            return change.stage();
        }
    }

    /** What a phased diff builds only once the data is in: NOT NULL, constraints, indexes, triggers, policies. */
    private static final Set<ObjectKind> CONSTRAIN_KINDS = EnumSet.of(ObjectKind.CONSTRAINT, ObjectKind.INDEX,
            ObjectKind.TRIGGER, ObjectKind.POLICY);

    private static final Set<ObjectKind> EARLY_DROP_KINDS = EnumSet.of(ObjectKind.VIEW,
            ObjectKind.MATERIALIZED_VIEW, ObjectKind.CONSTRAINT, ObjectKind.INDEX, ObjectKind.TRIGGER, ObjectKind.POLICY);
    static final Set<ObjectKind> RELATION_KINDS = EnumSet.of(ObjectKind.TABLE, ObjectKind.VIEW,
            ObjectKind.MATERIALIZED_VIEW, ObjectKind.SEQUENCE, ObjectKind.INDEX, ObjectKind.ENUM, ObjectKind.DOMAIN,
            ObjectKind.COMPOSITE_TYPE);

    private final Schema a;
    private final Schema b;
    private final DiffOptions options;
    private final Map<DependencyOrder.Step, Integer> oldRank;
    private final Map<DependencyOrder.Step, Integer> newRank;
    private final List<Planned> planned = new ArrayList<>();
    private final Set<ObjectRef> removed = new TreeSet<>();
    private final Set<ObjectRef> added = new TreeSet<>();
    private final Set<ObjectRef> replaced = new TreeSet<>();
    private final Map<ObjectRef, TableDiff.Result> tables = new TreeMap<>();
    private final Map<ObjectRef, EnumDiff.Recast> recasts = new TreeMap<>();
    private final DropRules rules;

    Planner(Schema a, Schema b, DiffOptions options) {
        this.a = a;
        this.b = b;
        this.options = options;
        this.oldRank = ranks(a);
        this.newRank = ranks(b);
        this.rules = new DropRules(a, b, added, removed, replaced);
    }

    private static Map<DependencyOrder.Step, Integer> ranks(Schema schema) {
        Map<DependencyOrder.Step, Integer> ranks = new HashMap<>();
        List<DependencyOrder.Step> steps = DependencyOrder.of(schema);
        for (int i = 0; i < steps.size(); i++) {
            ranks.put(steps.get(i), i);
        }
        return ranks;
    }

    Diff plan(List<Change> renames) {
        for (int i = 0; i < renames.size(); i++) {
            planned.add(new Planned(renames.get(i), i, planned.size()));
        }
        classify();
        cascade();
        planDrops();
        planCreates();
        planTables();
        planSequenceOwnership();
        Comparator<Planned> order = Comparator.comparing(Planned::stage)
                .thenComparingInt(p -> p.stage() == Stage.EARLY_DROP || p.stage() == Stage.LATE_DROP ? -p.rank() : p.rank())
                .thenComparingInt(Planned::seq);
        List<Change> changes = planned.stream().filter(p -> !p.change().statements().isEmpty()).sorted(order)
                .map(Planned::change).toList();
        return new Diff(options.phased() ? constrainLast(changes) : changes);
    }

    /**
     * A phased diff's order: NOT NULL changes, and the main stage from its first constraint, index,
     * trigger or policy on, move to {@link Stage#CONSTRAIN}, after every other create and alter. Taking
     * the whole rest of the main stage keeps the new schema's order for whatever depends on them.
     */
    private static List<Change> constrainLast(List<Change> changes) {
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

    private void add(Stage stage, Change.Kind kind, ObjectRef ref, List<Statement> statements, int rank) {
        planned.add(new Planned(new Change(kind, ref, statements, stage), rank, planned.size()));
    }

    private int oldRank(ObjectRef ref, Part part) {
        return oldRank.getOrDefault(new DependencyOrder.Step(ref, part), 0);
    }

    private int newRank(ObjectRef ref, Part part) {
        return newRank.getOrDefault(new DependencyOrder.Step(ref, part), 0);
    }

    // ---- what changed

    private void classify() {
        a.objects().forEach(old -> {
            SchemaObject now = b.find(old.ref());
            if (now == null) {
                removed.add(old.ref());
            } else {
                compare(old, now);
            }
        });
        b.objects().filter(o -> a.find(o.ref()) == null).forEach(o -> added.add(o.ref()));
    }

    private void compare(SchemaObject old, SchemaObject now) {
        ObjectRef ref = now.ref();
        if (old instanceof Table before) {
            TableDiff.Result result = TableDiff.compare(before, (Table) now, a, b, options.phased());
            if (result.replace()) {
                replaced.add(ref);
                return;
            }
            if (!result.isEmpty()) {
                tables.put(ref, result);
            }
            ownership(old, now);
            return;
        }
        if (old instanceof Constraint before && now instanceof Constraint after
                && !Objects.equals(before.indexParent(), after.indexParent())) {
            if (before.indexParent() != null) {
                // An index cannot be detached from its parent index: the key is made again.
                replaced.add(ref);
                return;
            }
            add(Stage.MAIN, Change.Kind.ALTER, ref, statements(ObjectScript.attach(after)), newRank(ref, Part.ATTACH));
        }
        if (!sameDefinition(old, now)) {
            List<Statement> alter = alterInPlace(old, now);
            if (alter == null) {
                replaced.add(ref);
                return;
            }
            add(Stage.MAIN, Change.Kind.ALTER, ref, alter, newRank(ref, Part.OBJECT));
        }
        if (old instanceof Index before && !Objects.equals(before.parent(), ((Index) now).parent())
                && ((Index) now).parent() != null) {
            add(Stage.MAIN, Change.Kind.ALTER, ref, statements(ObjectScript.attach((Index) now)), newRank(ref, Part.ATTACH));
        }
        if (!Objects.equals(old.comment(), now.comment()) && !(now instanceof Extension)) {
            add(Stage.MAIN, Change.Kind.ALTER, ref, List.of(of(now.commentSql())), newRank(ref, Part.OBJECT));
        }
        if (replaced.contains(ref)) {
            return;
        }
        add(Stage.MAIN, Change.Kind.ALTER, ref, memberComments(old, now), newRank(ref, Part.OBJECT));
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
        if (!ObjectScript.definition(old, a).equals(ObjectScript.definition(now, b))) {
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
            EnumDiff.Recast recast = EnumDiff.recast(before, after, a, b);
            recasts.put(now.ref(), recast);
            add(Stage.LATE_DROP, Change.Kind.DROP, old.ref(), List.of(recast.dropOld()), oldRank(old.ref(), Part.OBJECT));
            return recast.statements();
        }
        return InPlace.alter(old, now, a);
    }

    /** Owner and privileges, compared only when asked for. */
    private void ownership(SchemaObject old, SchemaObject now) {
        if (!options.privileges()) {
            return;
        }
        List<Statement> sql = new ArrayList<>();
        if (old instanceof Owned o && now instanceof Owned n && !o.owner().equals(n.owner())) {
            sql.add(of(n.ownerSql()));
        }
        sql.addAll(statements(Privileges.change(old, now, a, b)));
        add(Stage.MAIN, Change.Kind.ALTER, now.ref(), sql, newRank(now.ref(), Part.OBJECT));
    }

    // ---- what must go and come back because something it depends on does

    private void cascade() {
        Map<ObjectRef, List<ObjectRef>> dependents = new HashMap<>();
        for (Dependency dependency : a.dependencies()) {
            dependents.computeIfAbsent(dependency.referenced(), r -> new ArrayList<>()).add(dependency.dependent());
        }
        Deque<ObjectRef> full = new ArrayDeque<>(removed);
        full.addAll(replaced);
        full.addAll(recasts.keySet());
        Set<ObjectRef> seen = new TreeSet<>(full);
        for (Map.Entry<ObjectRef, TableDiff.Result> table : tables.entrySet()) {
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
            if (replaced.contains(ref) && ref.kind() == ObjectKind.TABLE) {
                for (Table partition : rules.partitionsKept(ref)) {
                    replaceDependent(partition.ref(), full, seen);
                }
            }
        }
        tables.keySet().removeAll(replaced);
    }

    private void replaceDependent(ObjectRef dependent, Deque<ObjectRef> work, Set<ObjectRef> seen) {
        if (b.find(dependent) != null && !recasts.containsKey(dependent)) {
            replaced.add(dependent);
        }
        if (seen.add(dependent)) {
            work.add(dependent);
        }
    }

    // ---- drops

    private void planDrops() {
        Set<ObjectRef> dropped = new TreeSet<>(removed);
        dropped.addAll(replaced);
        Set<String> newNames = DropRules.relationNames(b);
        Map<ObjectRef, SchemaObject> own = new TreeMap<>();
        Set<ObjectRef> early = new TreeSet<>();
        for (ObjectRef ref : dropped) {
            SchemaObject old = a.find(ref);
            if (rules.droppedWithOther(old, dropped) && !rules.freesName(old, newNames, dropped)
                    && !DropRules.referencesDropped(old, dropped)) {
                continue;
            }
            own.put(ref, old);
            if (replaced.contains(ref) || EARLY_DROP_KINDS.contains(ref.kind())
                    || RELATION_KINDS.contains(ref.kind()) && newNames.contains(ref.key())
                    || old instanceof Function f && rules.overloadAdded(f)
                    || old instanceof Table t && t.isPartition() && replaced.contains(Names.table(t.parents().get(0)))) {
                early.add(ref);
            }
        }
        dropDependentsEarly(own.keySet(), early);
        own.forEach((ref, old) -> {
            boolean first = early.contains(ref);
            add(first ? Stage.EARLY_DROP : Stage.LATE_DROP, Change.Kind.DROP, ref, List.of(drop(old)),
                    oldRank(ref, Part.OBJECT));
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
        for (Dependency dependency : a.dependencies()) {
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
        for (Dependency dependency : a.dependencies()) {
            if (!dependency.referenced().equals(function.ref()) || dependency.dependent().kind() != ObjectKind.TABLE
                    || replaced.contains(dependency.dependent()) || removed.contains(dependency.dependent())) {
                continue;
            }
            Table old = a.tables().get(dependency.dependent().key());
            Table now = b.tables().get(dependency.dependent().key());
            for (Column column : old.columns()) {
                if (column.defaultExpr() == null || !column.defaultExpr().contains(function.name().name())
                        || column.inherited()) {
                    continue;
                }
                String alter = "ALTER TABLE ONLY " + old.name().sql() + " ALTER COLUMN " + Identifiers.quote(column.name());
                add(Stage.EARLY_DROP, Change.Kind.ALTER, old.ref(), List.of(of(alter + " DROP DEFAULT")),
                        oldRank(old.ref(), Part.OBJECT));
                Column kept = now.column(column.name());
                if (kept != null && kept.defaultExpr() != null && kept.identity() == null) {
                    add(Stage.MAIN, Change.Kind.ALTER, now.ref(), List.of(of(alter + " SET DEFAULT " + kept.defaultExpr())),
                            newRank(now.ref(), Part.OBJECT));
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

    // ---- creates

    private void planCreates() {
        Set<ObjectRef> created = new TreeSet<>(added);
        created.addAll(replaced);
        for (ObjectRef ref : created) {
            SchemaObject now = b.find(ref);
            if (now instanceof Index i && madeByPartition(i)) {
                continue;
            }
            List<Statement> sql = new ArrayList<>();
            List<String> create = ObjectScript.create(now, b, options.privileges());
            for (int i = 0; i < create.size(); i++) {
                sql.add(i == 0 ? createStatement(now, create.get(i)) : of(create.get(i)));
            }
            if (now instanceof View v && v.materialized()) {
                sql.add(of("REFRESH MATERIALIZED VIEW " + v.name().sql()));
            }
            add(Stage.MAIN, Change.Kind.CREATE, ref, sql, newRank(ref, Part.OBJECT));
            if (now instanceof Sequence s && s.ownedBy() != null) {
                add(Stage.MAIN, Change.Kind.ALTER, ref, List.of(of(s.ownedBySql())), newRank(ref, Part.OWNED_BY));
            }
            List<String> attach = ObjectScript.attach(now);
            if (!attach.isEmpty()) {
                add(Stage.MAIN, Change.Kind.ALTER, ref, statements(attach), newRank(ref, Part.ATTACH));
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
        if (index.parent() == null || !a.indexes().containsKey(index.parent().sql())
                || replaced.contains(new ObjectRef(ObjectKind.INDEX, ObjectRef.key(index.parent())))) {
            return false;
        }
        Table now = b.tables().get(index.table().sql());
        Table old = a.tables().get(index.table().sql());
        return now != null && now.isPartition() && (old == null || !old.isPartition()
                || replaced.contains(now.ref()) || !old.parents().equals(now.parents()));
    }

    // ---- tables and sequences

    private void planTables() {
        for (Map.Entry<ObjectRef, TableDiff.Result> entry : tables.entrySet()) {
            ObjectRef ref = entry.getKey();
            TableDiff.Result result = entry.getValue();
            add(Stage.PRE, Change.Kind.ALTER, ref, result.pre(), oldRank(ref, Part.OBJECT));
            add(Stage.MAIN, Change.Kind.ALTER, ref, result.alter(), newRank(ref, Part.OBJECT));
            add(Stage.MAIN, Change.Kind.NOT_NULL, ref, result.notNull(), newRank(ref, Part.OBJECT));
            add(Stage.LATE_DROP, Change.Kind.DROP, ref, result.drops(), oldRank(ref, Part.OBJECT));
            result.indexSettings().forEach((index, statements) -> {
                ObjectRef owner = indexOwner(index, ref);
                // An index created by this diff comes with its table's settings already.
                if (owner != null && !added.contains(owner) && !replaced.contains(owner)) {
                    add(Stage.MAIN, Change.Kind.ALTER, ref, statements, newRank(owner, Part.OBJECT));
                }
            });
        }
    }

    /** The index, or the key constraint behind it, that has this name in the new schema. */
    private ObjectRef indexOwner(QualifiedName index, ObjectRef table) {
        ObjectRef plain = new ObjectRef(ObjectKind.INDEX, ObjectRef.key(index));
        if (b.find(plain) != null) {
            return plain;
        }
        ObjectRef key = new ObjectRef(ObjectKind.CONSTRAINT, ObjectRef.memberKey(b.tables().get(table.key()).name(),
                index.name()));
        return b.find(key) != null ? key : null;
    }

    /**
     * Ownership of sequences kept in both schemas: released first when the owning column goes (so
     * the sequence survives it), set once the new owning column exists.
     */
    private void planSequenceOwnership() {
        for (Sequence old : a.sequences().values()) {
            Sequence now = b.sequences().get(old.ref().key());
            if (now == null || replaced.contains(now.ref())) {
                continue;
            }
            boolean released = old.ownedBy() != null && rules.ownerGoes(old);
            if (released) {
                add(Stage.PRE, Change.Kind.ALTER, now.ref(), List.of(of(ownedByNone(now))), oldRank(old.ref(), Part.OBJECT));
            }
            if (!Objects.equals(old.ownedBy(), now.ownedBy()) || released && now.ownedBy() != null) {
                String sql = now.ownedBy() == null ? ownedByNone(now) : now.ownedBySql();
                if (now.ownedBy() != null || !released) {
                    add(Stage.MAIN, Change.Kind.ALTER, now.ref(), List.of(of(sql)),
                            newRank(now.ref(), now.ownedBy() == null ? Part.OBJECT : Part.OWNED_BY));
                }
            }
        }
    }

    private static String ownedByNone(Sequence sequence) {
        return "ALTER SEQUENCE " + sequence.name().sql() + " OWNED BY NONE";
    }

    private static List<Statement> statements(List<String> sql) {
        return sql.stream().map(Change.Statement::of).toList();
    }
}
