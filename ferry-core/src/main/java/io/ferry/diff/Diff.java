package io.ferry.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of {@link SchemaDiff#between}: the changes that turn one schema into another, in the
 * order their statements must run, and warnings about what was not compared. Immutable.
 */
public record Diff(List<Change> changes, List<String> warnings) {
    /** What the script sets first: function bodies may name objects created later (as pg_dump does). */
    public static final String PREAMBLE = "SET check_function_bodies = false";

    public Diff {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /** Changes without warnings. */
    public Diff(List<Change> changes) {
        this(changes, List.of());
    }

    /** The same changes with {@code more} warnings. */
    public Diff withWarnings(List<String> more) {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(more);
        return new Diff(changes, all);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Every statement, in order. */
    public List<Change.Statement> statements() {
        List<Change.Statement> all = new ArrayList<>();
        changes.forEach(change -> all.addAll(change.statements()));
        return all;
    }

    /** The statements that lose data, in order; {@code --unsafe} is needed to run them. */
    public List<Change.Statement> destructive() {
        return statements().stream().filter(Change.Statement::destructive).toList();
    }

    /**
     * Whether every statement can run inside a transaction block. {@code ALTER TYPE ... ADD VALUE}
     * can, but the new value cannot be used before the transaction commits, so a script adding enum
     * values runs without one.
     */
    public boolean transactional() {
        return statements().stream().noneMatch(s -> s.sql().startsWith("ALTER TYPE ") && s.sql().contains(" ADD VALUE "));
    }

    /**
     * The whole script, self-contained: the preamble, then every statement ending with a semicolon,
     * inside {@code BEGIN}/{@code COMMIT} when {@link #transactional()}. Empty when there are no changes.
     */
    public String script() {
        if (isEmpty()) {
            return "";
        }
        StringBuilder sql = new StringBuilder(PREAMBLE).append(";\n");
        boolean transaction = transactional();
        if (transaction) {
            sql.append("BEGIN;\n");
        }
        sql.append('\n');
        for (Change.Statement statement : statements()) {
            sql.append(statement.sql()).append(";\n\n");
        }
        if (transaction) {
            sql.append("COMMIT;\n");
        }
        return sql.toString();
    }
}
