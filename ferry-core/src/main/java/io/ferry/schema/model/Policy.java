package io.ferry.schema.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A row level security policy.
 *
 * @param table the table it applies to
 * @param name its name, unique within the table
 * @param permissive true for {@code AS PERMISSIVE}, false for {@code AS RESTRICTIVE}
 * @param command {@code ALL}, {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param roles the roles it applies to, sorted; {@link Roles#PUBLIC} for everyone
 * @param using its {@code USING} expression as {@code pg_get_expr} writes it, or null
 * @param withCheck its {@code WITH CHECK} expression, or null
 * @param comment its comment, or null
 */
public record Policy(QualifiedName table, String name, boolean permissive, String command, List<String> roles,
                     String using, String withCheck, String comment) implements SchemaObject {
    public Policy {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        roles = List.copyOf(roles);
    }

    @Override
    public ObjectRef ref() {
        return new ObjectRef(ObjectKind.POLICY, ObjectRef.memberKey(table, name));
    }

    @Override
    public String createSql() {
        StringBuilder sql = new StringBuilder("CREATE POLICY ").append(Sql.quote(name)).append(" ON ")
                .append(table.sql()).append(permissive ? " AS PERMISSIVE" : " AS RESTRICTIVE")
                .append(" FOR ").append(command)
                .append(" TO ").append(roles.stream().map(Roles::sql).collect(Collectors.joining(", ")));
        if (using != null) {
            sql.append(" USING (").append(using).append(')');
        }
        if (withCheck != null) {
            sql.append(" WITH CHECK (").append(withCheck).append(')');
        }
        return sql.toString();
    }

    @Override
    public String dropSql() {
        return "DROP POLICY " + Sql.quote(name) + " ON " + table.sql();
    }

    @Override
    public String commentSql() {
        return Sql.commentOn("POLICY " + Sql.quote(name) + " ON " + table.sql(), comment);
    }
}
