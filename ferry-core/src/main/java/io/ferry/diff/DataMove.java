package io.ferry.diff;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.ConstraintKind;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A new column of a kept table that rows must be given values for before its constraints come: a
 * new foreign key column, or a new NOT NULL column without a default. Where the old schema links
 * the table to the same referenced table through other tables (old {@code resource.resource_group_id
 * -> resource_group.package_id -> package}, new {@code resource.package_id -> package}), the move is
 * the {@code UPDATE ... FROM} that follows that path; otherwise it is a placeholder the developer
 * must fill.
 *
 * @param table the table (by its name while the migration runs, after renames)
 * @param column the new column
 * @param path the old foreign keys the value is found through, from {@code table} on; empty for a
 *     placeholder
 * @param reason for a placeholder, why no move was inferred; else null
 */
public record DataMove(QualifiedName table, String column, List<Hop> path, String reason) {
    /** The longest chain of old foreign keys a move follows. */
    private static final int MAX_HOPS = 3;

    /** One single-column foreign key of the old schema: {@code from.fromColumn -> to.toColumn}. */
    public record Hop(QualifiedName from, String fromColumn, QualifiedName to, String toColumn) {
        @Override
        public String toString() {
            return from.sql() + "." + Identifiers.quote(fromColumn) + " -> " + to.sql() + "." + Identifiers.quote(toColumn);
        }
    }

    public DataMove {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        path = List.copyOf(path);
    }

    public boolean inferred() {
        return !path.isEmpty();
    }

    /** {@code "schema"."table"."column"}. */
    public String target() {
        return table.sql() + "." + Identifiers.quote(column);
    }

    /** One line for the command's output. */
    public String describe() {
        if (!inferred()) {
            return "placeholder for " + target() + ": " + reason;
        }
        Hop last = path.get(path.size() - 1);
        return target() + " from " + path.stream().map(h -> h.from().sql() + "." + Identifiers.quote(h.fromColumn()))
                .collect(Collectors.joining(" -> ")) + " (" + last.to().sql() + "." + Identifiers.quote(last.toColumn()) + ")";
    }

    /**
     * The moves a change from {@code before} (renames applied) to {@code after} needs, one per new
     * foreign key column or new NOT NULL column without a default of a table in both.
     */
    static List<DataMove> find(Schema before, Schema after) {
        List<DataMove> moves = new ArrayList<>();
        for (Table now : after.tables().values()) {
            Table old = before.tables().get(now.ref().key());
            if (old == null) {
                continue;
            }
            for (Column column : now.columns()) {
                if (old.column(column.name()) != null || column.inherited() || column.generated() != null
                        || column.identity() != null) {
                    continue;
                }
                Constraint key = foreignKey(after, now.name(), column.name());
                if (key != null) {
                    moves.add(along(before, now.name(), column, key));
                } else if (column.notNull() && column.defaultExpr() == null) {
                    moves.add(new DataMove(now.name(), column.name(), List.of(),
                            "a new NOT NULL column without a default, and no foreign key to follow"));
                }
            }
        }
        return moves;
    }

    /** The new single-column foreign key on {@code table.column}, or null. */
    private static Constraint foreignKey(Schema schema, QualifiedName table, String column) {
        return schema.constraints().values().stream().filter(c -> c.kind() == ConstraintKind.FOREIGN_KEY
                && c.table().equals(table) && c.columns().equals(List.of(column)) && c.referencedColumns().size() == 1)
                .findFirst().orElse(null);
    }

    /** The move along the one shortest old path to the key's target, or a placeholder saying why not. */
    private static DataMove along(Schema before, QualifiedName table, Column column, Constraint key) {
        List<List<Hop>> paths = shortestPaths(before, table, key.referencedTable(), key.referencedColumns().get(0),
                column.type());
        String target = key.referencedTable().sql() + "." + Identifiers.quote(key.referencedColumns().get(0));
        if (paths.size() == 1) {
            return new DataMove(table, column.name(), paths.get(0), null);
        }
        String reason = paths.isEmpty()
                ? "the old schema has no chain of foreign keys from " + table.sql() + " to " + target + " (of type "
                + column.type() + ") to carry the link across"
                : "the old schema links " + table.sql() + " to " + target + " along " + paths.size() + " paths ("
                + paths.stream().map(p -> p.get(0).toString()).collect(Collectors.joining("; ")) + "...)";
        return new DataMove(table, column.name(), List.of(), reason);
    }

    /**
     * The shortest chains of two or more old single-column foreign keys from {@code table} to
     * {@code target.targetColumn} whose last column has the new column's type (breadth first, no
     * table twice).
     */
    private static List<List<Hop>> shortestPaths(Schema before, QualifiedName table, QualifiedName target,
                                                 String targetColumn, String type) {
        List<List<Hop>> level = List.of(List.of());
        for (int hops = 1; hops <= MAX_HOPS; hops++) {
            List<List<Hop>> next = new ArrayList<>();
            List<List<Hop>> found = new ArrayList<>();
            for (List<Hop> path : level) {
                QualifiedName from = path.isEmpty() ? table : path.get(path.size() - 1).to();
                for (Hop hop : hops(before, from)) {
                    if (hop.to().equals(table) || path.stream().anyMatch(h -> h.from().equals(hop.to()))) {
                        continue;
                    }
                    List<Hop> longer = new ArrayList<>(path);
                    longer.add(hop);
                    if (hop.to().equals(target)) {
                        if (hops >= 2 && hop.toColumn().equals(targetColumn) && type.equals(columnType(before, hop))) {
                            found.add(longer);
                        }
                    } else {
                        next.add(longer);
                    }
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
            level = next;
        }
        return List.of();
    }

    private static List<Hop> hops(Schema schema, QualifiedName from) {
        return schema.constraints().values().stream().filter(c -> c.kind() == ConstraintKind.FOREIGN_KEY
                        && c.table().equals(from) && c.columns().size() == 1 && !c.inherited())
                .map(c -> new Hop(c.table(), c.columns().get(0), c.referencedTable(), c.referencedColumns().get(0)))
                .toList();
    }

    private static String columnType(Schema schema, Hop hop) {
        Column column = schema.tables().get(hop.from().sql()).column(hop.fromColumn());
        return column == null ? null : column.type();
    }

    /** The alias of the n-th table joined (from 1); the moved table is {@code "t"}. */
    private static String alias(int n) {
        return Identifiers.quote(n == 0 ? "t" : "j" + n);
    }

    /**
     * The intermediate tables of the path, joined: the first as {@code "j1"} (its condition is
     * {@link #firstLink}), each next one on the previous one's link; named as {@code names} has them.
     */
    private String joins(OldNames names) {
        StringBuilder sql = new StringBuilder(names.table(path.get(0).to()).sql()).append(" AS ").append(alias(1));
        for (int i = 1; i < path.size() - 1; i++) {
            Hop hop = path.get(i);
            sql.append(" JOIN ").append(names.table(hop.to()).sql()).append(" AS ").append(alias(i + 1))
                    .append(" ON ").append(column(names, i + 1, hop.to(), hop.toColumn()))
                    .append(" = ").append(column(names, i, hop.from(), hop.fromColumn()));
        }
        return sql.toString();
    }

    /** {@code "alias"."column"}, the column named as {@code names} has it. */
    private static String column(OldNames names, int alias, QualifiedName table, String column) {
        return alias(alias) + "." + Identifiers.quote(names.column(table, column));
    }

    /** The first join's condition: the first intermediate table's key equals the moved table's old link. */
    private String firstLink(OldNames names) {
        Hop first = path.get(0);
        return column(names, 1, first.to(), first.toColumn()) + " = " + column(names, 0, first.from(), first.fromColumn());
    }

    /** The value carried across: the last intermediate table's link to the target. */
    private String carried(OldNames names) {
        Hop last = path.get(path.size() - 1);
        return column(names, path.size() - 1, last.from(), last.fromColumn());
    }

    /** The move, as it runs between the additive changes and the new constraints (renames done). */
    String updateSql() {
        OldNames current = new OldNames(List.of());
        return "UPDATE " + table.sql() + " AS " + alias(0) + "\nSET " + Identifiers.quote(column) + " = "
                + carried(current) + "\nFROM " + joins(current) + "\nWHERE " + firstLink(current);
    }

    /** The rows the old path links to the target, counted before the migration runs (so by old names). */
    String captureSql(OldNames old) {
        // The same joins as the move's UPDATE ... FROM, so the two read alike.
        return "SELECT count(*) FROM " + old.table(table).sql() + " AS " + alias(0) + ", " + joins(old)
                + " WHERE " + firstLink(old) + " AND " + carried(old) + " IS NOT NULL";
    }

    /** After the migration: as many rows have the new link as had the old one. */
    String assertSql(String capture) {
        return "SELECT count(*) = :" + capture + " FROM " + table.sql() + " WHERE " + Identifiers.quote(column)
                + " IS NOT NULL";
    }

    /** An assertion that fails until the developer replaces the placeholder with the move. */
    String placeholderAssertSql() {
        return "SELECT " + Identifiers.literal("placeholder: no data move written for " + target()) + " IS NULL";
    }
}
