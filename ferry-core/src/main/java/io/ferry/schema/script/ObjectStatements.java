package io.ferry.schema.script;

import io.ferry.schema.model.Column;
import io.ferry.schema.model.CompositeType;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.DomainType;
import io.ferry.schema.model.Extension;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.Namespace;
import io.ferry.schema.model.Owned;
import io.ferry.schema.model.Privilege;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.Trigger;
import io.ferry.schema.model.View;
import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The statements that make one object exactly as the model has it: its CREATE, then what CREATE
 * cannot say (domain checks, inherited column adjustments, row level security, trigger state),
 * comments, owner and privileges.
 */
final class ObjectStatements {
    private ObjectStatements() {
    }

    static List<String> of(SchemaObject object, Schema schema) {
        return of(object, schema, true, true);
    }

    /**
     * The statements for one object; {@code comments} and {@code ownership} (owner and privileges)
     * say whether those parts are included.
     */
    static List<String> of(SchemaObject object, Schema schema, boolean comments, boolean ownership) {
        List<String> sql = new ArrayList<>();
        if (isInherited(object)) {
            // Made by its parent's statement; only what can differ from the parent's copy is said here.
            if (comments) {
                addComment(sql, object);
                addIndexComment(sql, object);
            }
            return sql;
        }
        sql.add(object.createSql());
        if (object instanceof DomainType domain) {
            sql.addAll(domain.checkSql());
        } else if (object instanceof CompositeType type && comments) {
            sql.addAll(type.attributeCommentSql());
        } else if (object instanceof Table table) {
            sql.addAll(inheritedColumnSql(table, schema));
            sql.addAll(table.rowSecuritySql());
            sql.addAll(table.settingsSql());
            if (comments) {
                sql.addAll(table.columnCommentSql());
            }
        } else if (object instanceof View view) {
            sql.addAll(comments ? view.columnSql() : view.columnDefaultSql());
        } else if (object instanceof Trigger trigger && trigger.stateSql() != null) {
            sql.add(trigger.stateSql());
        } else if (comments) {
            // CLUSTER ON and REPLICA IDENTITY USING INDEX belong to the table (and are compared
            // there), but can only be set once the index exists: they come with its creation.
            sql.addAll(indexSettingsSql(object, schema));
        }
        // An extension's comment is set by the extension's own script.
        if (comments && !(object instanceof Extension)) {
            addComment(sql, object);
            addIndexComment(sql, object);
        }
        if (ownership && object instanceof Owned owned && !ownedAsCreated(owned)) {
            sql.add(owned.ownerSql());
        }
        if (ownership) {
            sql.addAll(privilegeSql(object, schema));
        }
        return sql;
    }

    /**
     * Schema public owned by pg_database_owner is how every database starts from PostgreSQL 15 on:
     * nothing to write there, and a server before 14 has no such role to give it to.
     */
    private static boolean ownedAsCreated(Owned owned) {
        return owned instanceof Namespace n && n.name().equals("public") && n.owner().equals("pg_database_owner");
    }

    private static boolean isInherited(SchemaObject object) {
        return object instanceof Constraint c && c.inherited() || object instanceof Trigger t && t.inherited();
    }

    private static void addComment(List<String> sql, SchemaObject object) {
        if (object.comment() != null) {
            sql.add(object.commentSql());
        }
    }

    private static List<String> indexSettingsSql(SchemaObject object, Schema schema) {
        QualifiedName table = object instanceof Index i ? i.table() : object instanceof Constraint c ? c.table() : null;
        QualifiedName index = object instanceof Index i ? i.name() : object instanceof Constraint c ? c.indexName() : null;
        Table owner = table == null ? null : schema.tables().get(table.sql());
        return owner == null ? List.of() : owner.settingsSql(index);
    }

    /** The comment on the index behind a key, which is not the constraint's own comment. */
    private static void addIndexComment(List<String> sql, SchemaObject object) {
        if (object instanceof Constraint c && c.indexComment() != null) {
            sql.add(c.indexCommentSql());
        }
    }

    /**
     * Privileges that differ from the default: take away what the default gives (PUBLIC's and the
     * owner's), then grant exactly what the model lists.
     */
    private static List<String> privilegeSql(SchemaObject object, Schema schema) {
        List<Privilege> privileges = schema.privilegesOn(object.ref());
        List<String> sql = new ArrayList<>();
        if (privileges.isEmpty() || !(object instanceof Owned owned)) {
            return sql;
        }
        String target = Privilege.target(object.ref());
        sql.add("REVOKE ALL ON " + target + " FROM PUBLIC");
        sql.add("REVOKE ALL ON " + target + " FROM " + Identifiers.quote(owned.owner()));
        for (Privilege privilege : privileges) {
            sql.add(privilege.grantSql());
        }
        return sql;
    }

    /**
     * A column a table gets from a parent starts with the parent's default and NOT NULL; where the
     * model's column differs, say so.
     */
    private static List<String> inheritedColumnSql(Table table, Schema schema) {
        List<String> sql = new ArrayList<>();
        for (Column column : table.columns()) {
            if (!column.inherited()) {
                continue;
            }
            Column parentColumn = parentColumn(table, column.name(), schema);
            if (parentColumn == null) {
                continue;
            }
            String alter = "ALTER TABLE " + table.name().sql() + " ALTER COLUMN " + Identifiers.quote(column.name());
            if (column.generated() == null && column.identity() == null
                    && !Objects.equals(column.defaultExpr(), parentColumn.defaultExpr())) {
                sql.add(alter + (column.defaultExpr() == null ? " DROP DEFAULT" : " SET DEFAULT " + column.defaultExpr()));
            }
            if (column.notNull() != parentColumn.notNull()) {
                sql.add(alter + (column.notNull() ? " SET NOT NULL" : " DROP NOT NULL"));
            }
        }
        return sql;
    }

    private static Column parentColumn(Table table, String name, Schema schema) {
        for (QualifiedName parentName : table.parents()) {
            Table parent = schema.tables().get(parentName.sql());
            Column column = parent == null ? null : parent.column(name);
            if (column != null) {
                return column;
            }
        }
        return null;
    }

    /**
     * {@code ALTER INDEX ... ATTACH PARTITION} for an index of a partition, or for a partition's key
     * whose index is attached to its parent's index; else nothing.
     */
    static List<String> attachSql(SchemaObject object) {
        String sql = object instanceof Index index ? index.attachSql()
                : object instanceof Constraint constraint ? constraint.attachSql() : null;
        return sql == null ? List.of() : List.of(sql);
    }
}
