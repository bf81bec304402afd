package io.ferry.diff;

import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.Dependency;
import io.ferry.schema.model.Extension;
import io.ferry.schema.model.Function;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.Namespace;
import io.ferry.schema.model.Policy;
import io.ferry.schema.model.Privilege;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Trigger;
import java.util.Set;

/** Narrows a schema to the objects of some schemas ({@code --schema}). */
final class Scope {
    private Scope() {
    }

    /** The objects of {@code schema} that live in one of {@code names}; all of them when empty. */
    static Schema restrict(Schema schema, Set<String> names) {
        if (names.isEmpty()) {
            return schema;
        }
        Schema.Builder builder = new Schema.Builder();
        schema.objects().filter(o -> names.contains(schemaOf(o))).forEach(builder::add);
        for (Privilege privilege : schema.privileges().values()) {
            if (builder.contains(privilege.on())) {
                builder.add(privilege);
            }
        }
        for (Dependency dependency : schema.dependencies()) {
            if (builder.contains(dependency.dependent()) && builder.contains(dependency.referenced())) {
                builder.add(dependency);
            }
        }
        return builder.build();
    }

    /** The name of the schema an object lives in. */
    static String schemaOf(SchemaObject object) {
        if (object instanceof Namespace n) {
            return n.name();
        } else if (object instanceof Extension e) {
            return e.schema();
        } else if (object instanceof Constraint c) {
            return c.table().schema();
        } else if (object instanceof Trigger t) {
            return t.table().schema();
        } else if (object instanceof Policy p) {
            return p.table().schema();
        } else if (object instanceof Function f) {
            return f.name().schema();
        } else if (object instanceof Index i) {
            return i.name().schema();
        }
        return Names.of(object).schema();
    }
}
