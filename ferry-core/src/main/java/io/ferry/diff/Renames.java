package io.ferry.diff;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Column;
import io.ferry.schema.model.ColumnRef;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.Dependency;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.Policy;
import io.ferry.schema.model.Privilege;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.Trigger;
import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies declared renames to the old schema before it is compared, and writes the statements that
 * make them. After a table rename, the old schema's table, its members and every reference to it
 * (foreign keys, sequence ownership, dependency edges, privileges) carry the new name; after a
 * column rename, the table's column and the column lists of its constraints do. Text the catalog
 * rendered (index, constraint and view definitions) is left alone: where it now differs from the
 * new schema's, the object is recreated, which is what PostgreSQL's own rename makes of it anyway.
 */
final class Renames {
    /** The old schema with the renames applied, and the statements that perform them. */
    record Applied(Schema schema, List<Change> changes) {
    }

    private Renames() {
    }

    static Applied apply(Schema schema, List<Rename> renames) {
        List<Change> changes = new ArrayList<>();
        for (Rename rename : renames) {
            Table table = schema.tables().get(rename.table().sql());
            if (table == null) {
                throw new FerryException(ErrorCode.USAGE, "--rename: no table " + rename.table() + " in the first schema");
            }
            String sql;
            if (rename.column() == null) {
                sql = "ALTER TABLE " + table.name().sql() + " RENAME TO " + Identifiers.quote(rename.newName());
                schema = renameTable(schema, table.name(), QualifiedName.of(table.name().schema(), rename.newName()));
            } else {
                if (table.column(rename.column()) == null) {
                    throw new FerryException(ErrorCode.USAGE, "--rename: table " + table.name() + " has no column "
                            + Identifiers.quote(rename.column()));
                }
                sql = "ALTER TABLE " + table.name().sql() + " RENAME COLUMN " + Identifiers.quote(rename.column())
                        + " TO " + Identifiers.quote(rename.newName());
                schema = renameColumn(schema, table.name(), rename.column(), rename.newName());
            }
            changes.add(new Change(Change.Kind.ALTER, table.ref(), List.of(Change.Statement.of(sql, Hazard.ACCESS_EXCLUSIVE)),
                    Change.Stage.RENAME));
        }
        return new Applied(schema, changes);
    }

    private static Schema renameTable(Schema schema, QualifiedName from, QualifiedName to) {
        String oldKey = from.sql();
        String newKey = to.sql();
        Schema.Builder builder = new Schema.Builder();
        schema.objects().map(o -> renameTableIn(o, from, to)).forEach(builder::add);
        for (Privilege p : schema.privileges().values()) {
            builder.add(new Privilege(rekey(p.on(), oldKey, newKey), p.grantee(), p.privilege(), p.grantable()));
        }
        for (Dependency d : schema.dependencies()) {
            builder.add(new Dependency(rekey(d.dependent(), oldKey, newKey), rekey(d.referenced(), oldKey, newKey)));
        }
        return builder.build();
    }

    private static QualifiedName swap(QualifiedName name, QualifiedName from, QualifiedName to) {
        return from.equals(name) ? to : name;
    }

    private static SchemaObject renameTableIn(SchemaObject o, QualifiedName from, QualifiedName to) {
        if (o instanceof Table t) {
            return new Table(swap(t.name(), from, to), t.unlogged(), t.partitionKey(), t.partitionBound(),
                    t.parents().stream().map(p -> swap(p, from, to)).toList(), t.columns(), t.options(),
                    t.rowSecurity(), t.forceRowSecurity(), t.owner(), t.comment(), t.settings());
        } else if (o instanceof Constraint c) {
            return new Constraint(swap(c.table(), from, to), c.name(), c.kind(), c.definition(), c.deferrable(),
                    c.initiallyDeferred(), c.validated(), c.columns(),
                    c.referencedTable() == null ? null : swap(c.referencedTable(), from, to), c.referencedColumns(),
                    c.inherited(), c.comment(), c.indexParent(), c.indexComment());
        } else if (o instanceof Index i) {
            return new Index(i.name(), swap(i.table(), from, to), i.definition(), i.parent(), i.comment());
        } else if (o instanceof Trigger t) {
            return new Trigger(swap(t.table(), from, to), t.name(), t.definition(), t.state(), t.inherited(), t.comment());
        } else if (o instanceof Policy p) {
            return new Policy(swap(p.table(), from, to), p.name(), p.permissive(), p.command(), p.roles(), p.using(),
                    p.withCheck(), p.comment());
        } else if (o instanceof Sequence s && s.ownedBy() != null) {
            return new Sequence(s.name(), s.options(), new ColumnRef(swap(s.ownedBy().table(), from, to),
                    s.ownedBy().column()), s.owner(), s.comment());
        }
        return o;
    }

    /** The reference with the table's key (and the prefix of its members' keys) replaced. */
    private static ObjectRef rekey(ObjectRef ref, String oldKey, String newKey) {
        boolean member = ref.kind() == ObjectKind.CONSTRAINT || ref.kind() == ObjectKind.TRIGGER
                || ref.kind() == ObjectKind.POLICY;
        if (ref.kind() == ObjectKind.TABLE && ref.key().equals(oldKey)) {
            return new ObjectRef(ref.kind(), newKey);
        }
        if (member && ref.key().startsWith(oldKey + ".")) {
            return new ObjectRef(ref.kind(), newKey + ref.key().substring(oldKey.length()));
        }
        return ref;
    }

    private static Schema renameColumn(Schema schema, QualifiedName table, String from, String to) {
        Schema.Builder builder = new Schema.Builder();
        schema.objects().map(o -> renameColumnIn(o, table, from, to)).forEach(builder::add);
        schema.privileges().values().forEach(builder::add);
        schema.dependencies().forEach(builder::add);
        return builder.build();
    }

    private static List<String> swapColumn(List<String> columns, String from, String to) {
        return columns.stream().map(c -> c.equals(from) ? to : c).toList();
    }

    private static SchemaObject renameColumnIn(SchemaObject o, QualifiedName table, String from, String to) {
        if (o instanceof Table t && t.name().equals(table)) {
            List<Column> columns = t.columns().stream().map(c -> !c.name().equals(from) ? c
                    : new Column(to, c.type(), c.notNull(), c.defaultExpr(), c.identity(), c.generated(), c.collation(),
                    c.inherited(), c.comment())).toList();
            return new Table(t.name(), t.unlogged(), t.partitionKey(), t.partitionBound(), t.parents(), columns,
                    t.options(), t.rowSecurity(), t.forceRowSecurity(), t.owner(), t.comment(),
                    t.settings().stream().map(setting -> setting.replace("ALTER COLUMN " + Identifiers.quote(from) + " ",
                            "ALTER COLUMN " + Identifiers.quote(to) + " ")).toList());
        } else if (o instanceof Constraint c && (c.table().equals(table) || table.equals(c.referencedTable()))) {
            return new Constraint(c.table(), c.name(), c.kind(), c.definition(), c.deferrable(), c.initiallyDeferred(),
                    c.validated(), c.table().equals(table) ? swapColumn(c.columns(), from, to) : c.columns(),
                    c.referencedTable(), table.equals(c.referencedTable())
                    ? swapColumn(c.referencedColumns(), from, to) : c.referencedColumns(), c.inherited(), c.comment(),
                    c.indexParent(), c.indexComment());
        } else if (o instanceof Sequence s && s.ownedBy() != null && s.ownedBy().table().equals(table)
                && s.ownedBy().column().equals(from)) {
            return new Sequence(s.name(), s.options(), new ColumnRef(table, to), s.owner(), s.comment());
        }
        return o;
    }
}
