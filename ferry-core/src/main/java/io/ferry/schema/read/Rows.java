package io.ferry.schema.read;

import io.ferry.schema.model.QualifiedName;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Reading model values from the columns of a catalog query's row. */
final class Rows {
    private Rows() {
    }

    /** A text[] column as a list; an SQL NULL gives an empty list. */
    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            return List.copyOf(Arrays.asList((String[]) array.getArray()));
        } finally {
            array.free();
        }
    }

    /** The name in two columns, or null when the name column is NULL. */
    static QualifiedName name(ResultSet rs, String schemaColumn, String nameColumn) throws SQLException {
        String name = rs.getString(nameColumn);
        return name == null ? null : QualifiedName.of(rs.getString(schemaColumn), name);
    }

    /** A "char" column's single character. */
    static char code(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null || value.isEmpty() ? '\0' : value.charAt(0);
    }
}
