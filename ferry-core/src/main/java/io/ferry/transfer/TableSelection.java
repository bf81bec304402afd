package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.ConstraintKind;
import io.ferry.schema.model.Index;
import io.ferry.schema.model.ObjectKind;
import io.ferry.schema.model.ObjectRef;
import io.ferry.schema.model.Policy;
import io.ferry.schema.model.QualifiedName;
import io.ferry.schema.model.Schema;
import io.ferry.schema.model.SchemaObject;
import io.ferry.schema.model.Sequence;
import io.ferry.schema.model.Table;
import io.ferry.schema.model.Trigger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --include} / {@code --exclude}: the part of the source's model that a transfer or dump moves.
 * A table left out goes with everything that belongs to it (keys, indexes, triggers, policies, the
 * sequences it owns, its grants).
 *
 * <p>When something that stays needs a table left out (a foreign key that references it, a view that
 * reads it, a partition or child of it), the run is refused with a line naming each of them, rather
 * than dropping the foreign key or the view: moving a database must not quietly lose a constraint.
 * Exclude the dependents too, or include the table.
 */
final class TableSelection {
    private TableSelection() {
    }

    static Schema apply(Schema schema, TransferOptions options) {
        if (options.include().isEmpty() && options.exclude().isEmpty()) {
            return schema;
        }
        Set<QualifiedName> dropped = new HashSet<>();
        for (Table table : schema.tables().values()) {
            if (!options.selects(table.name().schema(), table.name().name())) {
                dropped.add(table.name());
            }
        }
        if (dropped.size() == schema.tables().size() && !dropped.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "--include/--exclude leave no table to move");
        }
        Set<ObjectRef> gone = new HashSet<>();
        schema.objects().filter(o -> belongsToDropped(o, dropped)).forEach(o -> gone.add(o.ref()));

        Set<String> needed = new TreeSet<>();
        for (Constraint c : schema.constraints().values()) {
            if (c.kind() == ConstraintKind.FOREIGN_KEY && !gone.contains(c.ref()) && c.referencedTable() != null
                    && dropped.contains(c.referencedTable())) {
                needed.add("foreign key " + c.name() + " of " + c.table().sql() + " references " + c.referencedTable().sql());
            }
        }
        schema.dependencies().forEach(d -> {
            if (gone.contains(d.referenced()) && !gone.contains(d.dependent())
                    && d.dependent().kind() != ObjectKind.CONSTRAINT) {
                needed.add(d.dependent().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + d.dependent().key()
                        + " needs " + d.referenced().key());
            }
        });
        if (!needed.isEmpty()) {
            throw new FerryException(ErrorCode.USAGE, "tables left out by --include/--exclude are needed by what "
                    + "stays: " + String.join("; ", needed) + " (exclude those too, or include the tables)");
        }
        Schema.Builder builder = new Schema.Builder();
        schema.objects().filter(o -> !gone.contains(o.ref())).forEach(builder::add);
        schema.privileges().values().stream().filter(p -> !gone.contains(p.on())).forEach(builder::add);
        schema.dependencies().stream()
                .filter(d -> !gone.contains(d.dependent()) && !gone.contains(d.referenced()))
                .forEach(builder::add);
        return builder.build();
    }

    /** The tables left out, as SQL, for messages. */
    static List<String> leftOut(Schema full, Schema selected) {
        List<String> names = new ArrayList<>();
        full.tables().values().stream().filter(t -> !selected.tables().containsKey(t.ref().key()))
                .forEach(t -> names.add(t.name().sql()));
        return names;
    }

    private static boolean belongsToDropped(SchemaObject o, Set<QualifiedName> dropped) {
        if (o instanceof Table t) {
            return dropped.contains(t.name());
        }
        if (o instanceof Constraint c) {
            return dropped.contains(c.table());
        }
        if (o instanceof Index i) {
            return dropped.contains(i.table());
        }
        if (o instanceof Trigger t) {
            return dropped.contains(t.table());
        }
        if (o instanceof Policy p) {
            return dropped.contains(p.table());
        }
        return o instanceof Sequence s && s.ownedBy() != null && dropped.contains(s.ownedBy().table());
    }
}
