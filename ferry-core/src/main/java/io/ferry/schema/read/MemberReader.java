package io.ferry.schema.read;

import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.ConstraintKind;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.Policy;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.Trigger;
import io.ferry.schema.model.TriggerState;
import io.ferry.sql.Parentheses;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads what belongs to a table or materialized view: constraints, indexes, triggers and policies.
 * Those of a relation that is not in the model (Ferry's history table) are left out with it.
 */
final class MemberReader {
    private MemberReader() {
    }

    /**
     * A primary key's or unique constraint's definition with its index's storage parameters where
     * {@code ADD CONSTRAINT} takes them: after the column list and any {@code INCLUDE (...)}, before
     * the deferrability. ({@code pg_get_constraintdef} writes them for exclusion constraints only.)
     */
    static String withStorage(String definition, String options) {
        if (options == null) {
            return definition;
        }
        int end = Parentheses.closing(definition, definition.indexOf('('));
        if (end < 0) {
            return definition;
        }
        int at = Math.max(end + 1, Parentheses.afterClause(definition, end + 1, " INCLUDE "));
        return definition.substring(0, at) + " WITH (" + options + ")" + definition.substring(at);
    }

    static void read(Queries queries, Schema.Builder builder) {
        Map<String, QualifiedName> indexParents = new HashMap<>();
        Map<String, String> indexComments = new HashMap<>();
        queries.run("key_indexes", rs -> {
            String key = ObjectRef.memberKey(Rows.name(rs, "schema", "table_name"), rs.getString("name"));
            indexParents.put(key, Rows.name(rs, "parent_schema", "parent_name"));
            indexComments.put(key, rs.getString("comment"));
        });
        queries.run("constraints", rs -> {
            QualifiedName table = Rows.name(rs, "schema", "table_name");
            if (!inModel(builder, table)) {
                return;
            }
            builder.add(new Constraint(table, rs.getString("name"), ConstraintKind.fromCode(Rows.code(rs, "type")),
                    withStorage(CheckText.canonical(rs.getString("definition")), rs.getString("index_options")),
                    rs.getBoolean("deferrable"), rs.getBoolean("initially_deferred"),
                    rs.getBoolean("validated"), Rows.strings(rs, "columns"),
                    Rows.name(rs, "referenced_schema", "referenced_table"), Rows.strings(rs, "referenced_columns"),
                    rs.getBoolean("inherited"), rs.getString("comment"),
                    indexParents.get(ObjectRef.memberKey(table, rs.getString("name"))),
                    indexComments.get(ObjectRef.memberKey(table, rs.getString("name")))));
        });
        queries.run("indexes", rs -> {
            QualifiedName table = Rows.name(rs, "schema", "table_name");
            if (!inModel(builder, table)) {
                return;
            }
            builder.add(new Index(Rows.name(rs, "schema", "name"), table, rs.getString("definition"),
                    Rows.name(rs, "parent_schema", "parent_name"), rs.getString("comment")));
        });
        queries.run("triggers", rs -> {
            QualifiedName table = Rows.name(rs, "schema", "table_name");
            if (!inModel(builder, table)) {
                return;
            }
            builder.add(new Trigger(table, rs.getString("name"), rs.getString("definition"),
                    TriggerState.fromCode(Rows.code(rs, "state")), rs.getBoolean("inherited"),
                    rs.getString("comment")));
        });
        queries.run("policies", rs -> {
            QualifiedName table = Rows.name(rs, "schema", "table_name");
            if (!inModel(builder, table)) {
                return;
            }
            builder.add(new Policy(table, rs.getString("name"), rs.getBoolean("permissive"), rs.getString("command"),
                    Rows.strings(rs, "roles"), rs.getString("using_expr"), rs.getString("with_check"),
                    rs.getString("comment")));
        });
    }

    /** Whether the table, view or materialized view is part of the model. */
    private static boolean inModel(Schema.Builder builder, QualifiedName relation) {
        String key = ObjectRef.key(relation);
        return builder.contains(new ObjectRef(ObjectKind.TABLE, key))
                || builder.contains(new ObjectRef(ObjectKind.VIEW, key))
                || builder.contains(new ObjectRef(ObjectKind.MATERIALIZED_VIEW, key));
    }
}
