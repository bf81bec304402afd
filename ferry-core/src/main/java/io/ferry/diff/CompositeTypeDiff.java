package io.ferry.diff;

import static io.ferry.diff.Change.Statement.of;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.diff.Change.Statement;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.CompositeType;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A composite type changed in place ({@code ALTER TYPE ... DROP/ADD/ALTER ATTRIBUTE}), so columns of
 * that type keep their rows. Possible when the attributes both types share keep their order and the
 * new ones come last (an added attribute always goes at the end); else the type is made again.
 * Attribute comments are not part of the definition: {@link #columnComments} compares them.
 * PostgreSQL refuses to change an attribute's type (or drop and create the type) while a table's
 * column uses it: such a change is refused here, with one line naming the column and what to write
 * instead, rather than left to fail half-way through the script. Converting the column's rows is a
 * migration to write by hand: only its author knows how an old value becomes a new one.
 */
final class CompositeTypeDiff {
    private CompositeTypeDiff() {
    }

    /** The statements, or null when the type must be dropped and created. */
    static List<Statement> alter(CompositeType before, CompositeType after, Schema a) {
        List<String> kept = names(before.attributes()).stream().filter(n -> find(after, n) != null).toList();
        List<String> wanted = names(after.attributes());
        if (!wanted.subList(0, kept.size()).equals(kept)) {
            refuseIfUsed(before, a, "be dropped and created (its attributes change order)");
            return null;
        }
        String alter = "ALTER TYPE " + after.name().sql();
        List<String> actions = new ArrayList<>();
        for (Column old : before.attributes()) {
            Column now = find(after, old.name());
            if (now == null) {
                actions.add(" DROP ATTRIBUTE " + Identifiers.quote(old.name()));
            } else if (!old.type().equals(now.type()) || !Objects.equals(old.collation(), now.collation())) {
                refuseIfUsed(before, a, "change attribute " + Identifiers.quote(now.name()) + " from " + old.type()
                        + " to " + now.type());
                actions.add(" ALTER ATTRIBUTE " + Identifiers.quote(now.name()) + " TYPE " + now.type()
                        + (now.collation() == null ? "" : " COLLATE " + now.collation().sql()));
            }
        }
        for (Column now : after.attributes().subList(kept.size(), wanted.size())) {
            actions.add(" ADD ATTRIBUTE " + now.attributeSql());
        }
        return actions.isEmpty() ? List.of() : List.of(of(alter + String.join(",", actions)));
    }

    /**
     * {@code COMMENT ON COLUMN} for each column (of a view, or attribute of a composite type) whose
     * comment differs; a column new in {@code after} counts as uncommented before.
     */
    static List<Statement> columnComments(QualifiedName relation, List<Column> before, List<Column> after) {
        List<Statement> sql = new ArrayList<>();
        for (Column now : after) {
            Column old = before.stream().filter(c -> c.name().equals(now.name())).findFirst().orElse(null);
            if (!Objects.equals(old == null ? null : old.comment(), now.comment())) {
                sql.add(of("COMMENT ON COLUMN " + relation.sql() + "." + Identifiers.quote(now.name()) + " IS "
                        + (now.comment() == null ? "NULL" : Identifiers.literal(now.comment()))));
            }
        }
        return sql;
    }

    /** Refuses the change when a table's column in the old schema has the type (or an array of it). */
    private static void refuseIfUsed(CompositeType type, Schema a, String change) {
        String name = Names.formatType(type.name());
        for (Table table : a.tables().values()) {
            for (Column column : table.columns()) {
                if (!column.inherited() && (column.type().equals(name) || column.type().equals(name + "[]"))) {
                    String alter = "ALTER TABLE " + table.name().sql() + " ALTER COLUMN " + Identifiers.quote(column.name());
                    throw new FerryException(ErrorCode.VALIDATION_FAILED, "composite type " + type.name().sql()
                            + " cannot " + change + " while column " + table.name().sql() + "."
                            + Identifiers.quote(column.name()) + " uses it: PostgreSQL refuses; write that change by"
                            + " hand (create the new type under another name, " + alter
                            + " TYPE <new type> USING <expression>, drop the old type and rename the new one)");
                }
            }
        }
    }

    private static List<String> names(List<Column> attributes) {
        return attributes.stream().map(Column::name).toList();
    }

    private static Column find(CompositeType type, String name) {
        return type.attributes().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }
}
