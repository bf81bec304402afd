package io.ferry.schema.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A domain: a type with constraints.
 *
 * @param name its name
 * @param baseType its underlying type as {@code format_type} writes it
 * @param notNull whether it is NOT NULL
 * @param defaultExpr its default, or null
 * @param collation its collation when it differs from the base type's, or null
 * @param checks its CHECK constraints, sorted by name
 * @param owner its owning role
 * @param comment its comment, or null
 */
public record DomainType(QualifiedName name, String baseType, boolean notNull, String defaultExpr,
                         QualifiedName collation, List<DomainCheck> checks, String owner, String comment)
        implements Owned {
    public DomainType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseType, "baseType");
        Objects.requireNonNull(owner, "owner");
        checks = List.copyOf(checks);
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.DOMAIN, ObjectRef.key(name));
    }

    /** {@code CREATE DOMAIN} without its checks; see {@link #checkSql()}. */
    @Override
    public String createSql() {
        StringBuilder sql = new StringBuilder("CREATE DOMAIN ").append(name.sql()).append(" AS ").append(baseType);
        if (collation != null) {
            sql.append(" COLLATE ").append(collation.sql());
        }
        if (defaultExpr != null) {
            sql.append(" DEFAULT ").append(defaultExpr);
        }
        if (notNull) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    /**
     * One {@code ALTER DOMAIN ... ADD CONSTRAINT} per check: that form accepts the {@code NOT VALID}
     * that {@code pg_get_constraintdef} may write, which {@code CREATE DOMAIN} does not.
     */
    public List<String> checkSql() {
        List<String> sql = new ArrayList<>();
        for (DomainCheck check : checks) {
            sql.add("ALTER DOMAIN " + name.sql() + " ADD CONSTRAINT " + Sql.quote(check.name()) + " "
                    + check.definition());
        }
        return sql;
    }

    @Override
    public String dropSql() {
        return "DROP DOMAIN " + name.sql();
    }
}
