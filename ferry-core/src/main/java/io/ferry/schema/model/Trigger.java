package io.ferry.schema.model;

import java.util.Objects;

/**
 * A user trigger (internal triggers, such as those that implement foreign keys, are not modelled).
 *
 * @param table the table or view it is on
 * @param name its name, unique within the table
 * @param definition its {@code CREATE TRIGGER} statement as {@code pg_get_triggerdef} writes it
 * @param state when it fires
 * @param inherited true when it is the clone, on a partition, of its partitioned table's trigger
 * @param comment its comment, or null
 */
public record Trigger(QualifiedName table, String name, String definition, TriggerState state, boolean inherited,
                      String comment) implements SchemaObject {
    public Trigger {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(state, "state");
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.TRIGGER, ObjectRef.memberKey(table, name));
    }

    @Override
    public String createSql() {
        return definition;
    }

    /** The {@code ALTER TABLE} that gives the trigger its state, or null when it has the default. */
    public String stateSql() {
        return state == TriggerState.ENABLED ? null
                : "ALTER TABLE " + table.sql() + " " + state.sqlAction() + " TRIGGER " + Sql.quote(name);
    }

    @Override
    public String dropSql() {
        return "DROP TRIGGER " + Sql.quote(name) + " ON " + table.sql();
    }

    @Override
    public String commentSql() {
        return Sql.commentOn("TRIGGER " + Sql.quote(name) + " ON " + table.sql(), comment);
    }
}
