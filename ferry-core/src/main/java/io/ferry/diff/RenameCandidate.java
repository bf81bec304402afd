package io.ferry.diff;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.ConstraintKind;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A dropped and an added object of the same shape, which may be one object renamed: a column
 * dropped and a column added in the same table with the same type (and, when either is a foreign
 * key column, referencing the same table and column), or a table dropped and a table
 * added in the same schema with the same columns. Ferry does not guess: it drops and adds, and
 * names the {@code --rename} that would rename instead.
 *
 * @param table the table (for a table candidate, the dropped one)
 * @param column the dropped column, or null for a table candidate
 * @param newName the added column or table
 */
public record RenameCandidate(QualifiedName table, String column, String newName) {
    /** What {@link Rename#parse} can read back without quotes (and a shell without quoting). */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_$-]+");

    public RenameCandidate {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(newName, "newName");
    }

    /**
     * The {@code --rename} option that renames instead, quoted for a shell where it needs it; null when
     * a name holds a character the option uses as a separator ({@code . : =}).
     */
    public String option() {
        List<String> names = column == null ? List.of(table.schema(), table.name(), newName)
                : List.of(table.schema(), table.name(), column, newName);
        String value = column == null ? "table:" + table.schema() + "." + table.name() + "=" + newName
                : "column:" + table.schema() + "." + table.name() + "." + column + "=" + newName;
        if (names.stream().anyMatch(n -> n.contains(".") || n.contains(":") || n.contains("="))) {
            return null;
        }
        if (names.stream().allMatch(n -> PLAIN.matcher(n).matches())) {
            return "--rename " + value;
        }
        return "--rename '" + value.replace("'", "'\\''") + "'";
    }

    /** One line for the command's output. */
    public String describe() {
        String what = column == null ? "table " + table.sql() + " -> " + Identifiers.quote(newName)
                : "column " + table.sql() + "." + Identifiers.quote(column) + " -> " + Identifiers.quote(newName);
        String option = option();
        return what + ": " + (option == null ? "rename it by hand (--rename cannot spell these names)" : option);
    }

    /** The candidates between {@code before} (declared renames applied) and {@code after}. */
    static List<RenameCandidate> find(Schema before, Schema after) {
        List<RenameCandidate> candidates = new ArrayList<>();
        for (Table old : before.tables().values()) {
            Table now = after.tables().get(old.ref().key());
            if (now == null) {
                for (Table added : after.tables().values()) {
                    if (!before.tables().containsKey(added.ref().key()) && added.name().schema().equals(old.name().schema())
                            && shape(added).equals(shape(old))) {
                        candidates.add(new RenameCandidate(old.name(), null, added.name().name()));
                    }
                }
                continue;
            }
            for (Column dropped : old.columns()) {
                if (dropped.inherited() || now.column(dropped.name()) != null) {
                    continue;
                }
                for (Column added : now.columns()) {
                    if (!added.inherited() && old.column(added.name()) == null && added.type().equals(dropped.type())
                            && references(before, old, dropped).equals(references(after, now, added))) {
                        candidates.add(new RenameCandidate(old.name(), dropped.name(), added.name()));
                    }
                }
            }
        }
        return candidates;
    }

    /** What the column references as a one-column foreign key ("" when nothing). */
    private static String references(Schema schema, Table table, Column column) {
        return schema.constraints().values().stream().filter(c -> c.kind() == ConstraintKind.FOREIGN_KEY
                        && c.table().equals(table.name()) && c.columns().equals(List.of(column.name())))
                .map(c -> c.referencedTable().sql() + "." + c.referencedColumns()).findFirst().orElse("");
    }

    /** A table's columns by name and type. */
    private static Set<String> shape(Table table) {
        return table.columns().stream().map(c -> c.name() + " " + c.type()).collect(Collectors.toSet());
    }
}
