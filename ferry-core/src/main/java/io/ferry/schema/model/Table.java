package io.ferry.schema.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table: ordinary, unlogged or partitioned, possibly a partition or an inheritance child. Its
 * constraints, indexes, triggers and policies are separate objects of the {@link Schema}.
 *
 * @param name its name
 * @param unlogged whether it is {@code UNLOGGED}
 * @param partitionKey the key of a partitioned table as {@code pg_get_partkeydef} writes it (for
 *     example {@code RANGE (logdate)}), or null if it is not partitioned
 * @param partitionBound for a partition, its bound as {@code pg_get_expr(relpartbound)} writes it
 *     (for example {@code FOR VALUES FROM ('2006-02-01') TO ('2006-03-01')}); null otherwise
 * @param parents for a partition, its one partitioned parent; for an inheritance child, its parents
 *     in {@code INHERITS} order; else empty
 * @param columns the columns in their order, inherited ones included
 * @param options the storage parameters ({@code reloptions}, such as {@code fillfactor=70})
 * @param rowSecurity whether row level security is enabled
 * @param forceRowSecurity whether it is forced on the table's owner too
 * @param owner its owning role
 * @param comment its comment, or null
 * @param settings what only {@code ALTER TABLE} sets, each as its clause, sorted: {@code REPLICA
 *     IDENTITY FULL}, {@code NOTHING} or {@code USING INDEX i}, {@code CLUSTER ON i},
 *     {@code ALTER COLUMN "c" SET STATISTICS n}
 */
public record Table(QualifiedName name, boolean unlogged, String partitionKey, String partitionBound,
                    List<QualifiedName> parents, List<Column> columns, List<String> options,
                    boolean rowSecurity, boolean forceRowSecurity, String owner, String comment,
                    List<String> settings) implements Owned {
    public Table {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        parents = List.copyOf(parents);
        columns = List.copyOf(columns);
        options = List.copyOf(options);
        settings = settings.stream().sorted().toList();
        if (partitionBound != null && parents.size() != 1) {
            throw new IllegalArgumentException("partition " + name + " must have exactly one parent: " + parents);
        }
    }

    /** A table with no settings beyond what CREATE TABLE says. */
    public Table(QualifiedName name, boolean unlogged, String partitionKey, String partitionBound,
                 List<QualifiedName> parents, List<Column> columns, List<String> options, boolean rowSecurity,
                 boolean forceRowSecurity, String owner, String comment) {
        this(name, unlogged, partitionKey, partitionBound, parents, columns, options, rowSecurity, forceRowSecurity,
                owner, comment, List.of());
    }

    /** {@code ALTER TABLE ...} for each of {@link #settings()} that names no index. */
    public List<String> settingsSql() {
        return settings.stream().filter(s -> namesIndex(s) == null).map(s -> "ALTER TABLE " + name.sql() + " " + s)
                .toList();
    }

    /** {@code ALTER TABLE ...} for each setting naming {@code index} (it can run once the index exists). */
    public List<String> settingsSql(QualifiedName index) {
        return settings.stream().filter(s -> Sql.quote(index.name()).equals(namesIndex(s)))
                .map(s -> "ALTER TABLE " + name.sql() + " " + s).toList();
    }

    /** The quoted index a setting names ({@code CLUSTER ON}, {@code REPLICA IDENTITY USING INDEX}), or null. */
    public static String namesIndex(String setting) {
        for (String prefix : List.of("CLUSTER ON ", "REPLICA IDENTITY USING INDEX ")) {
            if (setting.startsWith(prefix)) {
                return setting.substring(prefix.length());
            }
        }
        return null;
    }

    public TableKind kind() {
        if (partitionKey != null) {
            return TableKind.PARTITIONED;
        }
        return unlogged ? TableKind.UNLOGGED : TableKind.ORDINARY;
    }

    public boolean isPartition() {
        return partitionBound != null;
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.TABLE, ObjectRef.key(name));
    }

    /**
     * {@code CREATE TABLE} with the locally declared columns. Inherited columns come from the parents;
     * where one of them differs from its parent's (default, NOT NULL), {@code SchemaScript} adjusts
     * it afterwards.
     */
    @Override
    public String createSql() {
        StringBuilder sql = new StringBuilder("CREATE ");
        if (unlogged) {
            sql.append("UNLOGGED ");
        }
        sql.append("TABLE ").append(name.sql());
        if (isPartition()) {
            sql.append(" PARTITION OF ").append(parents.get(0).sql()).append(' ').append(partitionBound);
        } else {
            List<String> definitions = new ArrayList<>();
            for (Column column : columns) {
                if (!column.inherited()) {
                    definitions.add("    " + column.definitionSql());
                }
            }
            sql.append(definitions.isEmpty() ? " ()" : " (\n" + String.join(",\n", definitions) + "\n)");
            if (!parents.isEmpty()) {
                sql.append(" INHERITS (").append(String.join(", ", parents.stream().map(QualifiedName::sql).toList()))
                        .append(')');
            }
        }
        if (partitionKey != null) {
            sql.append(" PARTITION BY ").append(partitionKey);
        }
        if (!options.isEmpty()) {
            sql.append(" WITH (").append(String.join(", ", options)).append(')');
        }
        return sql.toString();
    }

    /** The statements that enable and force row level security as the table has it; may be empty. */
    public List<String> rowSecuritySql() {
        List<String> sql = new ArrayList<>();
        if (rowSecurity) {
            sql.add("ALTER TABLE " + name.sql() + " ENABLE ROW LEVEL SECURITY");
        }
        if (forceRowSecurity) {
            sql.add("ALTER TABLE " + name.sql() + " FORCE ROW LEVEL SECURITY");
        }
        return sql;
    }

    /** {@code COMMENT ON COLUMN} for every column that has a comment. */
    public List<String> columnCommentSql() {
        return Columns.commentSql(name, columns);
    }

    @Override
    public String dropSql() {
        return "DROP TABLE " + name.sql();
    }

    /** The column called {@code columnName}, or null. */
    public Column column(String columnName) {
        for (Column column : columns) {
            if (column.name().equals(columnName)) {
                return column;
            }
        }
        return null;
    }
}
