package io.ferry.diff;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.EnumType;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Table;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables whose rows a diff moves or rewrites (a type change, a recast enum, a dropped column)
 * and which still exist afterwards: a migration made from the diff checks that each keeps its rows.
 */
public final class TouchedTables {
    private TouchedTables() {
    }

    public static List<QualifiedName> of(Diff diff, Schema after) {
        Set<QualifiedName> tables = new TreeSet<>();
        for (Change change : diff.changes()) {
            boolean rewrites = change.statements().stream().anyMatch(s -> s.hazards().contains(Hazard.TABLE_REWRITE)
                    || s.destructive() && s.sql().startsWith("ALTER TABLE "));
            if (!rewrites) {
                continue;
            }
            if (change.ref().kind() == ObjectKind.TABLE && after.tables().containsKey(change.ref().key())) {
                tables.add(after.tables().get(change.ref().key()).name());
            } else if (change.ref().kind() == ObjectKind.ENUM) {
                EnumType type = after.enums().get(change.ref().key());
                String name = Names.formatType(type.name());
                for (Table table : after.tables().values()) {
                    for (Column column : table.columns()) {
                        if (column.type().equals(name) || column.type().equals(name + "[]")) {
                            tables.add(table.name());
                        }
                    }
                }
            }
        }
        return List.copyOf(tables);
    }
}
