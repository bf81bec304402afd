package io.ferry.diff;

import static io.ferry.diff.Change.Statement.of;

import io.ferry.diff.Change.Statement;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.EnumType;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes to an enum's values. Values can be added in place ({@code ADD VALUE ... BEFORE/AFTER});
 * removing or reordering values needs a new type: the old one is renamed, the new one created,
 * every column that uses it recast through text, and the old one dropped once nothing uses it.
 */
final class EnumDiff {
    /**
     * @param statements rename, create, and recast of the columns
     * @param dropOld the drop of the renamed old type
     */
    record Recast(List<Statement> statements, Statement dropOld) {
    }

    private EnumDiff() {
    }

    /** The {@code ADD VALUE} statements, or null when the old values are not all kept in their order. */
    static List<Statement> addValues(EnumType before, EnumType after) {
        List<String> kept = after.labels().stream().filter(before.labels()::contains).toList();
        if (!kept.equals(before.labels())) {
            return null;
        }
        List<Statement> sql = new ArrayList<>();
        String prefix = "ALTER TYPE " + after.name().sql() + " ADD VALUE ";
        for (int i = 0; i < after.labels().size(); i++) {
            String label = after.labels().get(i);
            if (before.labels().contains(label)) {
                continue;
            }
            String where = i > 0 ? " AFTER " + Identifiers.literal(after.labels().get(i - 1))
                    : kept.isEmpty() ? "" : " BEFORE " + Identifiers.literal(kept.get(0));
            sql.add(of(prefix + Identifiers.literal(label) + where));
        }
        return sql;
    }

    /** Rename, create and recast; columns that go away or change type are left to the table's diff. */
    static Recast recast(EnumType before, EnumType after, Schema a, Schema b) {
        String oldName = Names.aside(before.name().name());
        List<Statement> sql = new ArrayList<>();
        sql.add(of("ALTER TYPE " + before.name().sql() + " RENAME TO " + Identifiers.quote(oldName)));
        sql.add(of(after.createSql()));
        String type = Names.formatType(after.name());
        for (Table table : a.tables().values()) {
            Table newTable = b.tables().get(table.name().sql());
            if (newTable == null) {
                continue;
            }
            for (Column column : table.columns()) {
                Column newColumn = newTable.column(column.name());
                boolean array = column.type().equals(type + "[]");
                if (newColumn == null || column.inherited() || !(column.type().equals(type) || array)
                        || !newColumn.type().equals(column.type())) {
                    continue;
                }
                String alter = "ALTER TABLE " + table.name().sql() + " ALTER COLUMN " + Identifiers.quote(column.name());
                if (column.defaultExpr() != null) {
                    sql.add(of(alter + " DROP DEFAULT"));
                }
                String newType = after.name().sql() + (array ? "[]" : "");
                sql.add(of(alter + " TYPE " + newType + " USING " + Identifiers.quote(column.name())
                        + (array ? "::text[]::" : "::text::") + newType, Hazard.DESTRUCTIVE, Hazard.TABLE_REWRITE,
                        Hazard.ACCESS_EXCLUSIVE));
                if (newColumn.defaultExpr() != null) {
                    sql.add(of(alter + " SET DEFAULT " + newColumn.defaultExpr()));
                }
            }
        }
        Statement drop = of("DROP TYPE " + Identifiers.quote(before.name().schema()) + "." + Identifiers.quote(oldName));
        return new Recast(sql, drop);
    }
}
