package io.ferry.diff;

import io.ferry.schema.model.Collation;
import io.ferry.schema.model.CompositeType;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.DomainType;
import io.ferry.schema.model.EnumType;
import io.ferry.schema.model.Function;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.Policy;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.Trigger;
import io.ferry.schema.model.View;
import io.ferry.sql.Identifiers;

/** Names of model objects, as the differ needs them. */
final class Names {
    private Names() {
    }

    /** The qualified name of an object that lives in a schema, or null for schemas and extensions. */
    static QualifiedName of(SchemaObject object) {
        if (object instanceof Table t) {
            return t.name();
        } else if (object instanceof View v) {
            return v.name();
        } else if (object instanceof Sequence s) {
            return s.name();
        } else if (object instanceof EnumType e) {
            return e.name();
        } else if (object instanceof DomainType d) {
            return d.name();
        } else if (object instanceof CompositeType c) {
            return c.name();
        } else if (object instanceof Collation c) {
            return c.name();
        } else if (object instanceof Function f) {
            return f.name();
        } else if (object instanceof Index i) {
            return i.name();
        }
        return null;
    }

    /** The table (or view) a constraint, index, trigger or policy belongs to; null for other objects. */
    static QualifiedName tableOf(SchemaObject object) {
        if (object instanceof Constraint c) {
            return c.table();
        } else if (object instanceof Index i) {
            return i.table();
        } else if (object instanceof Trigger t) {
            return t.table();
        } else if (object instanceof Policy p) {
            return p.table();
        }
        return null;
    }

    static ObjectRef table(QualifiedName name) {
        return new ObjectRef(ObjectKind.TABLE, ObjectRef.key(name));
    }

    /** A type's name as {@code format_type} writes it: qualified, each part quoted only when needed. */
    static String formatType(QualifiedName name) {
        return Identifiers.quoteIfNeeded(name.schema()) + "." + Identifiers.quoteIfNeeded(name.name());
    }

    /**
     * The name an object is put aside under while its successor takes its name (an enum recast, a
     * serial's sequence an identity replaces), kept within PostgreSQL's 63 bytes.
     */
    static String aside(String name) {
        String suffix = "__old";
        String base = name;
        while (base.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + suffix.length() > 63) {
            base = base.substring(0, base.length() - 1);
        }
        return base + suffix;
    }
}
