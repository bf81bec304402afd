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
 * Writes the statements that create a {@link Schema} in an empty database, in an order that works.
 *
 * <p>How the order is found: every object is a step (with its comment, owner and privileges), plus
 * two kinds of follow-up step: {@code ALTER SEQUENCE ... OWNED BY} after the owning table, and
 * {@code ALTER INDEX ... ATTACH PARTITION} after both indexes. A step runs only after every step it
 * depends on: the model's dependency edges (from {@code pg_depend}: a view's tables and functions, a
 * default's sequence, a function's argument types, a foreign key's unique index) and the structure
 * of the model (a constraint, index, trigger or policy after its table; a child after its parents; a
 * foreign key after the primary and unique keys of the table it references). Among the steps that
 * are ready, the one of the earliest kind goes first: schemas, extensions, collations, types,
 * sequences, functions, tables, views, constraints, indexes, foreign keys, triggers, policies; ties
 * go by name, so the same schema always gives the same script.
 *
 * <p>The script begins with {@code SET check_function_bodies = false}, as pg_dump's do: the catalog
 * does not record what a function's body uses, so a function may come before a view its body
 * queries, and must not be checked when created. Materialized views are created {@code WITH NO DATA}. Constraints, indexes and triggers that a
 * partition or inheritance child gets from its parent are made by the parent's statement.
 */
public final class SchemaScript {
    private SchemaScript() {
    }

    /** A unit of the script: statements that run together, and what must run before them. */
    private static final class Step {
        final String id;
        final int phase;
        final List<String> statements;
        final Set<String> after = new LinkedHashSet<>();
        final List<Step> dependents = new ArrayList<>();
        int waitingFor;

        Step(String id, int phase, List<String> statements) {
            this.id = id;
            this.phase = phase;
            this.statements = statements;
        }
    }

    /**
     * The statements, without semicolons, that create every object of {@code schema} in a new
     * database (whose {@code public} schema and {@code plpgsql} may already exist).
     *
     * @throws FerryException with {@link ErrorCode#INTERNAL} if the dependencies form a cycle
     */
    public static List<String> create(Schema schema) {
        Map<String, Step> steps = new HashMap<>();
        schema.objects().forEach(object -> add(steps, new Step(id(object.ref()), phase(object),
                ObjectStatements.of(object, schema))));
        for (Sequence sequence : schema.sequences().values()) {
            if (sequence.ownedBy() != null) {
                Step step = add(steps, new Step("owned-by " + sequence.ref().key(), ObjectKind.TABLE.ordinal() * 2 + 1,
                        List.of(sequence.ownedBySql())));
                step.after.add(id(sequence.ref()));
                step.after.add(id(tableRef(sequence.ownedBy().table())));
            }
        }
        for (Index index : schema.indexes().values()) {
            if (index.parent() != null) {
                Step step = add(steps, new Step("attach " + index.ref().key(), phase(index),
                        ObjectStatements.attachSql(index)));
                step.after.add(id(index.ref()));
                step.after.add(id(new ObjectRef(ObjectKind.INDEX, ObjectRef.key(index.parent()))));
            }
        }
        for (Dependency dependency : schema.dependencies()) {
            Step step = steps.get(id(dependency.dependent()));
            if (step != null) {
                step.after.add(id(dependency.referenced()));
            }
        }
        addStructuralEdges(schema, steps);
        return order(steps);
    }

    private static Step add(Map<String, Step> steps, Step step) {
        steps.put(step.id, step);
        return step;
    }

    private static String id(ObjectRef ref) {
        return ref.toString();
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
    private static void addStructuralEdges(Schema schema, Map<String, Step> steps) {
        for (Table table : schema.tables().values()) {
            for (QualifiedName parent : table.parents()) {
                steps.get(id(table.ref())).after.add(id(tableRef(parent)));
            }
        }
        Map<QualifiedName, List<String>> keysByTable = new HashMap<>();
        for (Constraint constraint : schema.constraints().values()) {
            if (isKey(constraint)) {
                keysByTable.computeIfAbsent(constraint.table(), t -> new ArrayList<>()).add(id(constraint.ref()));
            }
        }
        for (Constraint constraint : schema.constraints().values()) {
            Set<String> after = steps.get(id(constraint.ref())).after;
            after.add(relationId(schema, constraint.table()));
            if (constraint.referencedTable() != null) {
                after.add(relationId(schema, constraint.referencedTable()));
                after.addAll(keysByTable.getOrDefault(constraint.referencedTable(), List.of()));
            }
        }
        for (Index index : schema.indexes().values()) {
            steps.get(id(index.ref())).after.add(relationId(schema, index.table()));
        }
        for (Trigger trigger : schema.triggers().values()) {
            steps.get(id(trigger.ref())).after.add(relationId(schema, trigger.table()));
        }
        for (Policy policy : schema.policies().values()) {
            steps.get(id(policy.ref())).after.add(relationId(schema, policy.table()));
        }
    }

    private static boolean isKey(Constraint constraint) {
        return constraint.kind() == ConstraintKind.PRIMARY_KEY || constraint.kind() == ConstraintKind.UNIQUE;
    }

    /** The step id of a table, view or materialized view. */
    private static String relationId(Schema schema, QualifiedName relation) {
        var view = schema.views().get(relation.sql());
        return id(view != null ? view.ref() : tableRef(relation));
    }

    /** Kahn's algorithm; among ready steps, lowest phase first, then by id. */
    private static List<String> order(Map<String, Step> steps) {
        for (Step step : steps.values()) {
            for (String before : step.after) {
                Step prerequisite = steps.get(before);
                if (prerequisite != null && prerequisite != step) {
                    prerequisite.dependents.add(step);
                    step.waitingFor++;
                }
            }
        }
        PriorityQueue<Step> ready = new PriorityQueue<>(
                Comparator.comparingInt((Step s) -> s.phase).thenComparing(s -> s.id));
        steps.values().stream().filter(s -> s.waitingFor == 0).forEach(ready::add);
        List<String> statements = new ArrayList<>();
        statements.add("SET check_function_bodies = false");
        int done = 0;
        while (!ready.isEmpty()) {
            Step step = ready.poll();
            done++;
            statements.addAll(step.statements);
            for (Step dependent : step.dependents) {
                if (--dependent.waitingFor == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (done < steps.size()) {
            Set<String> stuck = steps.values().stream().filter(s -> s.waitingFor > 0).map(s -> s.id)
                    .collect(Collectors.toCollection(TreeSet::new));
            throw new FerryException(ErrorCode.INTERNAL, "the schema's dependencies form a cycle among: " + stuck);
        }
        return statements;
    }
}
