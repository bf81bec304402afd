package io.ferry.schema.script;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.ConstraintKind;
import io.ferry.schema.model.Dependency;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.Policy;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.Trigger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The order in which the objects of a {@link Schema} can be created, as a list of {@link Step}s.
 *
 * <p>Every object is a step, plus two kinds of follow-up step: {@code ALTER SEQUENCE ... OWNED BY}
 * after the owning table ({@link Part#OWNED_BY}), and {@code ALTER INDEX ... ATTACH PARTITION} after
 * both indexes ({@link Part#ATTACH}). A step comes only after every step it depends on: the model's
 * dependency edges (from {@code pg_depend}: a view's tables and functions, a default's sequence, a
 * function's argument types, a foreign key's unique index) and the structure of the model (a
 * constraint, index, trigger or policy after its table; a child after its parents; a foreign key
 * after the primary and unique keys of the table it references). Among the steps that are ready, the
 * one of the earliest kind goes first: schemas, extensions, collations, types, sequences, functions,
 * tables, views, constraints, indexes, foreign keys, triggers, policies; ties go by key, so the same
 * schema always gives the same order.
 *
 * <p>Objects are dropped in the reverse of this order; the schema differ uses both directions.
 */
public final class DependencyOrder {
    /** Which statement of an object a step stands for. */
    public enum Part {
        /** The object itself (its create statement and everything that goes with it). */
        OBJECT,
        /** {@code ALTER SEQUENCE ... OWNED BY}, for a sequence with an owning column. */
        OWNED_BY,
        /** {@code ALTER INDEX ... ATTACH PARTITION}, for an index with a parent index. */
        ATTACH
    }

    /** One step of the order: a part of one object. */
    public record Step(ObjectRef ref, Part part) {
    }

    private DependencyOrder() {
    }

    /** A node of the graph while it is being ordered. */
    private static final class Node {
        final Step step;
        /** Orders ties among ready nodes; made once per node, as comparing nodes is frequent. */
        final String id;
        final int phase;
        final Set<Step> after = new LinkedHashSet<>();
        final List<Node> dependents = new ArrayList<>();
        int waitingFor;

        Node(Step step, int phase) {
            this.step = step;
            this.id = id(step);
            this.phase = phase;
        }
    }

    /**
     * Every step of {@code schema} in an order in which each comes after everything it needs.
     *
     * @throws FerryException with {@link ErrorCode#INTERNAL} if the dependencies form a cycle
     */
    public static List<Step> of(Schema schema) {
        // Keyed by step, not by a text id: a schema of 1,000 tables has tens of thousands of edges.
        Map<Step, Node> nodes = new HashMap<>();
        schema.objects().forEach(object -> add(nodes, new Node(new Step(object.ref(), Part.OBJECT), phase(object))));
        for (Sequence sequence : schema.sequences().values()) {
            if (sequence.ownedBy() != null) {
                Node node = add(nodes, new Node(new Step(sequence.ref(), Part.OWNED_BY),
                        ObjectKind.TABLE.ordinal() * 2 + 1));
                node.after.add(object(sequence.ref()));
                node.after.add(object(tableRef(sequence.ownedBy().table())));
            }
        }
        for (Index index : schema.indexes().values()) {
            if (index.parent() != null) {
                Node node = add(nodes, new Node(new Step(index.ref(), Part.ATTACH), phase(index)));
                node.after.add(object(index.ref()));
                node.after.add(object(new ObjectRef(ObjectKind.INDEX, ObjectRef.key(index.parent()))));
            }
        }
        for (Constraint constraint : schema.constraints().values()) {
            if (constraint.indexParent() != null) {
                Node node = add(nodes, new Node(new Step(constraint.ref(), Part.ATTACH), ObjectKind.INDEX.ordinal() * 2));
                node.after.add(object(constraint.ref()));
                node.after.add(object(new ObjectRef(ObjectKind.INDEX, ObjectRef.key(constraint.indexParent()))));
            }
        }
        for (Dependency dependency : schema.dependencies()) {
            Node node = nodes.get(object(dependency.dependent()));
            if (node != null) {
                node.after.add(object(dependency.referenced()));
            }
        }
        addStructuralEdges(schema, nodes);
        return order(nodes);
    }

    private static Node add(Map<Step, Node> nodes, Node node) {
        nodes.put(node.step, node);
        return node;
    }

    /** Ids order ties among ready steps; follow-ups sort after the objects of their phase. */
    private static String id(Step step) {
        return switch (step.part()) {
            case OBJECT -> step.ref().toString();
            case OWNED_BY -> "owned-by " + step.ref().key();
            case ATTACH -> "attach " + step.ref().key();
        };
    }

    private static Step object(ObjectRef ref) {
        return new Step(ref, Part.OBJECT);
    }

    private static ObjectRef tableRef(QualifiedName table) {
        return new ObjectRef(ObjectKind.TABLE, ObjectRef.key(table));
    }

    /** Kinds in {@link ObjectKind} order, with foreign keys after indexes (they may need a unique index). */
    private static int phase(SchemaObject object) {
        if (object instanceof Constraint constraint && constraint.kind() == ConstraintKind.FOREIGN_KEY) {
            return ObjectKind.INDEX.ordinal() * 2 + 1;
        }
        return object.ref().kind().ordinal() * 2;
    }

    /** Edges the model's structure implies, so the order does not rest on pg_depend alone. */
    private static void addStructuralEdges(Schema schema, Map<Step, Node> nodes) {
        for (Table table : schema.tables().values()) {
            for (QualifiedName parent : table.parents()) {
                nodes.get(object(table.ref())).after.add(object(tableRef(parent)));
            }
        }
        Map<QualifiedName, List<Step>> keysByTable = new HashMap<>();
        for (Constraint constraint : schema.constraints().values()) {
            if (isKey(constraint)) {
                keysByTable.computeIfAbsent(constraint.table(), t -> new ArrayList<>()).add(object(constraint.ref()));
            }
        }
        for (Constraint constraint : schema.constraints().values()) {
            Set<Step> after = nodes.get(object(constraint.ref())).after;
            after.add(relation(schema, constraint.table()));
            if (constraint.referencedTable() != null) {
                after.add(relation(schema, constraint.referencedTable()));
                after.addAll(keysByTable.getOrDefault(constraint.referencedTable(), List.of()));
            }
        }
        for (Index index : schema.indexes().values()) {
            nodes.get(object(index.ref())).after.add(relation(schema, index.table()));
        }
        for (Trigger trigger : schema.triggers().values()) {
            nodes.get(object(trigger.ref())).after.add(relation(schema, trigger.table()));
        }
        for (Policy policy : schema.policies().values()) {
            nodes.get(object(policy.ref())).after.add(relation(schema, policy.table()));
        }
    }

    private static boolean isKey(Constraint constraint) {
        return constraint.kind() == ConstraintKind.PRIMARY_KEY || constraint.kind() == ConstraintKind.UNIQUE;
    }

    /** The step of a table, view or materialized view. */
    private static Step relation(Schema schema, QualifiedName relation) {
        var view = schema.views().get(relation.sql());
        return object(view != null ? view.ref() : tableRef(relation));
    }

    /** Kahn's algorithm; among ready nodes, lowest phase first, then by id. */
    private static List<Step> order(Map<Step, Node> nodes) {
        for (Node node : nodes.values()) {
            for (Step before : node.after) {
                Node prerequisite = nodes.get(before);
                if (prerequisite != null && prerequisite != node) {
                    prerequisite.dependents.add(node);
                    node.waitingFor++;
                }
            }
        }
        PriorityQueue<Node> ready = new PriorityQueue<>(
                Comparator.comparingInt((Node n) -> n.phase).thenComparing(n -> n.id));
        nodes.values().stream().filter(n -> n.waitingFor == 0).forEach(ready::add);
        List<Step> steps = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            Node node = ready.poll();
            steps.add(node.step);
            for (Node dependent : node.dependents) {
                if (--dependent.waitingFor == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (steps.size() < nodes.size()) {
            Set<String> stuck = nodes.values().stream().filter(n -> n.waitingFor > 0).map(n -> n.id)
                    .collect(Collectors.toCollection(TreeSet::new));
            throw new FerryException(ErrorCode.INTERNAL, "the schema's dependencies form a cycle among: " + stuck);
        }
        return steps;
    }
}
