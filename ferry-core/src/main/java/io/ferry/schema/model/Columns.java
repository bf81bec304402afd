package io.ferry.schema.model;

import java.util.ArrayList;
import java.util.List;

/** Statements about the columns of a relation that several model types share. */
final class Columns {
    private Columns() {
    }

    static List<String> commentSql(QualifiedName relation, List<Column> columns) {
        List<String> sql = new ArrayList<>();
        for (Column column : columns) {
            if (column.comment() != null) {
                sql.add(Sql.commentOn("COLUMN " + relation.sql() + "." + Sql.quote(column.name()), column.comment()));
            }
        }
        return sql;
    }
}
