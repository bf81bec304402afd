package io.ferry.diff;

import io.ferry.schema.model.QualifiedName;
import java.util.List;

/**
 * Names as they were before the declared renames: a migration's captures run before its body, so
 * they must name tables and columns as the database has them then.
 */
final class OldNames {
    private final List<Rename> renames;

    OldNames(List<Rename> renames) {
        this.renames = List.copyOf(renames);
    }

    /** The table's name before the renames (the renames undone, last first). */
    QualifiedName table(QualifiedName now) {
        QualifiedName name = now;
        for (int i = renames.size() - 1; i >= 0; i--) {
            Rename r = renames.get(i);
            if (r.column() == null && name.equals(QualifiedName.of(r.table().schema(), r.newName()))) {
                name = r.table();
            }
        }
        return name;
    }

    /** The column's name before the renames; {@code table} is the table's name after them. */
    String column(QualifiedName table, String now) {
        QualifiedName tableName = table;
        String column = now;
        for (int i = renames.size() - 1; i >= 0; i--) {
            Rename r = renames.get(i);
            if (r.column() == null) {
                if (tableName.equals(QualifiedName.of(r.table().schema(), r.newName()))) {
                    tableName = r.table();
                }
            } else if (tableName.equals(r.table()) && column.equals(r.newName())) {
                column = r.column();
            }
        }
        return column;
    }
}
