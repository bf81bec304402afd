package io.ferry.schema.script;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Sequence;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the statements that create a {@link Schema} in an empty database, in an order that works.
 *
 * <p>How the order is found ({@link DependencyOrder}): every object is a step (with its comment, owner
 * and privileges), plus two kinds of follow-up step: {@code ALTER SEQUENCE ... OWNED BY} after the owning table, and
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

    /**
     * The statements, without semicolons, that create every object of {@code schema} in a new
     * database (whose {@code public} schema and {@code plpgsql} may already exist).
     *
     * @throws FerryException with {@link ErrorCode#INTERNAL} if the dependencies form a cycle
     */
    public static List<String> create(Schema schema) {
        List<String> statements = new ArrayList<>();
        statements.add("SET check_function_bodies = false");
        for (DependencyOrder.Step step : DependencyOrder.of(schema)) {
            switch (step.part()) {
                case OBJECT -> statements.addAll(ObjectStatements.of(schema.find(step.ref()), schema));
                case OWNED_BY -> statements.add(((Sequence) schema.find(step.ref())).ownedBySql());
                case ATTACH -> statements.addAll(ObjectStatements.attachSql(schema.find(step.ref())));
            }
        }
        return statements;
    }
}
