package io.ferry.diff;

import static io.ferry.diff.Change.Statement.of;

import io.ferry.diff.Change.Statement;
import io.ferry.schema.model.CompositeType;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.DomainCheck;
import io.ferry.schema.model.DomainType;
import io.ferry.schema.model.Extension;
import io.ferry.schema.model.Function;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.model.Trigger;
import io.ferry.schema.model.TriggerState;
import io.ferry.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The statements that change an object (other than a table or an enum) in place into its new
 * definition, where PostgreSQL has a way to: a function whose signature and result stay, a
 * sequence's parameters, an extension's version or schema, a domain's default, NOT NULL and checks,
 * a constraint that becomes valid, a trigger's state. Null where the object must be dropped and
 * created instead.
 */
final class InPlace {
    private InPlace() {
    }

    /** {@code a} is the old schema, where a composite type's users are looked up. */
    static List<Statement> alter(SchemaObject before, SchemaObject after, Schema a) {
        if (before instanceof Function f && after instanceof Function g) {
            return f.kind() == g.kind() && header(f).equals(header(g)) ? List.of(of(g.createSql())) : null;
        } else if (before instanceof Sequence s && after instanceof Sequence t) {
            return sequence(s, t);
        } else if (before instanceof CompositeType c && after instanceof CompositeType d) {
            return CompositeTypeDiff.alter(c, d, a);
        } else if (before instanceof Extension e && after instanceof Extension f) {
            return extension(e, f);
        } else if (before instanceof DomainType d && after instanceof DomainType e) {
            return domain(d, e);
        } else if (before instanceof Constraint c && after instanceof Constraint d) {
            if (c.inherited() && d.inherited()) {
                return List.of();
            }
            if (c.definition().equals(d.definition() + " NOT VALID")) {
                return List.of(of("ALTER TABLE " + d.table().sql() + " VALIDATE CONSTRAINT " + Identifiers.quote(d.name())));
            }
            return null;
        } else if (before instanceof Trigger t && after instanceof Trigger u) {
            if (t.inherited() && u.inherited()) {
                return List.of();
            }
            if (t.definition().equals(u.definition())) {
                String state = u.state() == TriggerState.ENABLED
                        ? "ALTER TABLE " + u.table().sql() + " ENABLE TRIGGER " + Identifiers.quote(u.name())
                        : u.stateSql();
                return List.of(of(state));
            }
            return null;
        }
        return null;
    }

    /**
     * The first line of a function's definition (name, argument names and defaults) and its
     * RETURNS line: {@code CREATE OR REPLACE} cannot change either.
     */
    private static String header(Function function) {
        List<String> lines = function.definition().strip().lines().toList();
        String returns = lines.stream().filter(l -> l.startsWith(" RETURNS ")).findFirst().orElse("");
        return lines.get(0) + "\n" + returns;
    }

    /**
     * A sequence's new parameters. PostgreSQL checks the current value against a new MINVALUE, so a
     * sequence whose MINVALUE rises is first moved up to it (when it is below; values above stay).
     */
    private static List<Statement> sequence(Sequence before, Sequence after) {
        if (before.options().equals(after.options())) {
            return List.of();
        }
        List<Statement> sql = new ArrayList<>();
        long min = after.options().min();
        if (min > before.options().min()) {
            String name = after.name().sql();
            sql.add(of("SELECT pg_catalog.setval(" + Identifiers.literal(name) + ", greatest(last_value, " + min
                    + "), is_called AND last_value >= " + min + ") FROM " + name));
        }
        sql.add(of("ALTER SEQUENCE " + after.name().sql() + " " + after.options().sql()));
        return sql;
    }

    private static List<Statement> extension(Extension before, Extension after) {
        List<Statement> sql = new ArrayList<>();
        String name = Identifiers.quote(after.name());
        if (!before.schema().equals(after.schema())) {
            sql.add(of("ALTER EXTENSION " + name + " SET SCHEMA " + Identifiers.quote(after.schema())));
        }
        if (!before.version().equals(after.version())) {
            sql.add(of("ALTER EXTENSION " + name + " UPDATE TO " + Identifiers.literal(after.version())));
        }
        return sql;
    }

    private static List<Statement> domain(DomainType before, DomainType after) {
        if (!before.baseType().equals(after.baseType()) || !Objects.equals(before.collation(), after.collation())) {
            return null;
        }
        List<Statement> sql = new ArrayList<>();
        String alter = "ALTER DOMAIN " + after.name().sql();
        if (!Objects.equals(before.defaultExpr(), after.defaultExpr())) {
            sql.add(of(alter + (after.defaultExpr() == null ? " DROP DEFAULT" : " SET DEFAULT " + after.defaultExpr())));
        }
        if (before.notNull() != after.notNull()) {
            sql.add(of(alter + (after.notNull() ? " SET NOT NULL" : " DROP NOT NULL")));
        }
        for (DomainCheck check : before.checks()) {
            if (!after.checks().contains(check)) {
                sql.add(of(alter + " DROP CONSTRAINT " + Identifiers.quote(check.name())));
            }
        }
        for (DomainCheck check : after.checks()) {
            if (!before.checks().contains(check)) {
                sql.add(of(alter + " ADD CONSTRAINT " + Identifiers.quote(check.name()) + " " + check.definition()));
            }
        }
        return sql;
    }
}
