package io.ferry.schema.script;

import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.ConstraintKind;
import io.ferry.sql.Identifiers;
import io.ferry.sql.Parentheses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A primary key or unique constraint built the way pgcopydb builds it: {@code CREATE UNIQUE INDEX}
 * with the constraint's name, then {@code ADD CONSTRAINT ... USING INDEX}. The result is the same
 * catalog as one {@code ADD CONSTRAINT}, but that statement holds an ACCESS EXCLUSIVE lock for the
 * whole index build, so nothing else may read the table meanwhile (not a row count, not another
 * index build); {@code CREATE INDEX} takes a SHARE lock, which lets both run beside it, and the
 * attaching statement is over in a moment.
 *
 * <p>Only definitions of the plain shape {@code PRIMARY KEY (...)} or {@code UNIQUE [NULLS NOT
 * DISTINCT] (...)}, optionally followed by {@code INCLUDE (...)}, {@code WITH (...)}, {@code USING
 * INDEX TABLESPACE name} and the deferrability, are split; anything else is built as it was.
 */
final class KeyIndex {
    private KeyIndex() {
    }

    /**
     * {@code statements} (those that make {@code c}: its create statement, a comment) with the
     * create statement split in two where {@link #split} can.
     */
    static List<String> replaceCreate(Constraint c, List<String> statements) {
        Optional<List<String>> split = split(c);
        if (split.isEmpty()) {
            return statements;
        }
        List<String> replaced = new ArrayList<>();
        for (String statement : statements) {
            replaced.addAll(statement.equals(c.createSql()) ? split.get() : List.of(statement));
        }
        return replaced;
    }

    /** The two statements that build {@code c}, or empty when it is not of a shape split here. */
    static Optional<List<String>> split(Constraint c) {
        if (c.inherited() || c.kind() != ConstraintKind.PRIMARY_KEY && c.kind() != ConstraintKind.UNIQUE) {
            return Optional.empty();
        }
        String definition = c.definition();
        String head = c.kind() == ConstraintKind.PRIMARY_KEY ? "PRIMARY KEY " : "UNIQUE ";
        if (!definition.startsWith(head)) {
            return Optional.empty();
        }
        int at = head.length();
        String nullsNotDistinct = "";
        if (definition.startsWith("NULLS NOT DISTINCT ", at)) {
            nullsNotDistinct = " NULLS NOT DISTINCT";
            at += "NULLS NOT DISTINCT ".length();
        }
        int keysEnd = Parentheses.closing(definition, at);
        if (keysEnd < 0) {
            return Optional.empty();
        }
        String keys = definition.substring(at, keysEnd + 1); // with its parentheses
        at = keysEnd + 1;
        int includeEnd = Parentheses.afterClause(definition, at, " INCLUDE ");
        int withEnd = includeEnd < 0 ? -1 : Parentheses.afterClause(definition, includeEnd, " WITH ");
        if (withEnd < 0) {
            return Optional.empty();
        }
        String include = definition.substring(at, includeEnd);
        String with = definition.substring(includeEnd, withEnd);
        at = withEnd;
        String deferrability = (c.deferrable() ? " DEFERRABLE" : "") + (c.initiallyDeferred() ? " INITIALLY DEFERRED" : "");
        String rest = definition.substring(at);
        if (!rest.endsWith(deferrability)) {
            return Optional.empty();
        }
        rest = rest.substring(0, rest.length() - deferrability.length());
        String tablespace = "";
        if (rest.startsWith(" USING INDEX TABLESPACE ")) {
            String space = rest.substring(" USING INDEX TABLESPACE ".length());
            if (!space.matches("[a-z_][a-z0-9_$]*|\"([^\"]|\"\")+\"")) {
                return Optional.empty();
            }
            tablespace = " TABLESPACE " + space;
        } else if (!rest.isEmpty()) {
            return Optional.empty();
        }
        String name = Identifiers.quote(c.name());
        String table = c.table().sql();
        return Optional.of(List.of(
                "CREATE UNIQUE INDEX " + name + " ON " + table + " " + keys
                        + include + nullsNotDistinct + with + tablespace,
                "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + head + "USING INDEX " + name + deferrability));
    }
}
