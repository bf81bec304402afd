package io.ferry.schema.read;

import io.ferry.schema.model.Dependency;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.Privilege;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Reads what links objects: privileges and dependency edges. Both name objects as
 * {@code (kind, schema, name, sub)} and are kept only when the objects they name are in the model,
 * which drops edges to system objects, to Ferry's own objects and to parts the model does not have.
 */
final class EdgeReader {
    private EdgeReader() {
    }

    static void read(Queries queries, Schema.Builder builder) {
        queries.run("privileges", rs -> {
            ObjectRef on = ref(rs, "kind", "schema", "name", "sub");
            if (builder.contains(on)) {
                builder.add(new Privilege(on, rs.getString("grantee"), rs.getString("privilege"),
                        rs.getBoolean("grantable")));
            }
        });
        queries.run("dependencies", rs -> {
            ObjectRef dependent = ref(rs, "kind", "schema", "name", "sub");
            ObjectRef referenced = ref(rs, "referenced_kind", "referenced_schema", "referenced_name", "referenced_sub");
            if (!dependent.equals(referenced) && builder.contains(dependent) && builder.contains(referenced)) {
                builder.add(new Dependency(dependent, referenced));
            }
        });
    }

    /** The reference a query names in four columns, keyed exactly as the model objects key themselves. */
    private static ObjectRef ref(ResultSet rs, String kindColumn, String schemaColumn, String nameColumn,
                                 String subColumn) throws SQLException {
        ObjectKind kind = ObjectKind.valueOf(rs.getString(kindColumn).toUpperCase(Locale.ROOT));
        String name = rs.getString(nameColumn);
        String sub = rs.getString(subColumn);
        if (kind == ObjectKind.SCHEMA || kind == ObjectKind.EXTENSION) {
            return new ObjectRef(kind, ObjectRef.key(name));
        }
        QualifiedName qualified = QualifiedName.of(rs.getString(schemaColumn), name);
        String key = switch (kind) {
            case FUNCTION -> ObjectRef.functionKey(qualified, sub);
            case CONSTRAINT, TRIGGER, POLICY -> ObjectRef.memberKey(qualified, sub);
            default -> ObjectRef.key(qualified);
        };
        return new ObjectRef(kind, key);
    }
}
