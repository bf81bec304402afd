package io.ferry.diff;

import io.ferry.Workers;
import io.ferry.diff.Change.Stage;
import io.ferry.diff.Change.Statement;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.Schema;
import io.ferry.schema.script.DependencyOrder;
import io.ferry.schema.script.DependencyOrder.Part;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * What the steps of one {@link Planner} run share: the two schemas and their dependency orders,
 * what changed ({@link ChangedObjects} fills it, {@link DependentReplacement} adds to it), and the
 * changes planned so far, each with the rank that orders it within its stage.
 */
final class Planning {
    /** A change with its rank in its stage's order, and its place among the changes planned. */
    record Planned(Change change, int rank, int seq) {
        Stage stage() {
            return change.stage();
        }
    }

    final Schema a;
    final Schema b;
    final DiffOptions options;
    /** Objects only in the old schema. */
    final Set<ObjectRef> removed = new TreeSet<>();
    /** Objects only in the new schema. */
    final Set<ObjectRef> added = new TreeSet<>();
    /** Objects in both that are dropped and created again. */
    final Set<ObjectRef> replaced = new TreeSet<>();
    /** Tables in both that are altered in place, with how. */
    final Map<ObjectRef, TableDiff.Result> tables = new TreeMap<>();
    /** Enums in both whose values cannot be added in place: recast to a new type. */
    final Map<ObjectRef, EnumDiff.Recast> recasts = new TreeMap<>();
    final DropRules rules;
    private final Map<DependencyOrder.Step, Integer> oldRank;
    private final Map<DependencyOrder.Step, Integer> newRank;
    private final List<Planned> planned = new ArrayList<>();

    Planning(Schema a, Schema b, DiffOptions options) {
        this.a = a;
        this.b = b;
        this.options = options;
        // The two orders are the larger part of planning a big schema, and independent: side by side.
        CompletableFuture<Map<DependencyOrder.Step, Integer>> old = CompletableFuture.supplyAsync(() -> ranks(a));
        this.newRank = ranks(b);
        this.oldRank = Workers.join(old);
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

    /** Plans {@code change} with the given rank in its stage. */
    void add(Change change, int rank) {
        planned.add(new Planned(change, rank, planned.size()));
    }

    void add(Stage stage, Change.Kind kind, ObjectRef ref, List<Statement> statements, int rank) {
        add(new Change(kind, ref, statements, stage), rank);
    }

    List<Planned> planned() {
        return Collections.unmodifiableList(planned);
    }

    /** The rank of a step of {@code ref} in the old schema's dependency order (0 if it has none). */
    int oldRank(ObjectRef ref, Part part) {
        return oldRank.getOrDefault(new DependencyOrder.Step(ref, part), 0);
    }

    /** The rank of a step of {@code ref} in the new schema's dependency order (0 if it has none). */
    int newRank(ObjectRef ref, Part part) {
        return newRank.getOrDefault(new DependencyOrder.Step(ref, part), 0);
    }

    static List<Statement> statements(List<String> sql) {
        return sql.stream().map(Change.Statement::of).toList();
    }
}
