package io.ferry.diff;

import io.ferry.schema.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two schemas and writes the statements that turn the first into the second.
 *
 * <p>Contract: applying {@link Diff#statements()} in order to a database whose schema is {@code a}
 * gives a database whose schema diffs as empty against {@code b} (with the same options), as far as
 * the model and PostgreSQL allow; see {@link Planner} for how changes are found and ordered.
 * Compared: everything the model holds except column order, owners and privileges (those only with
 * {@link DiffOptions#privileges()}), restricted to {@link DiffOptions#schemas()} when given. What the
 * model leaves out ({@link Schema#unmodelled()}) is named in {@link Diff#warnings()}.
 */
public final class SchemaDiff {
    private SchemaDiff() {
    }

    public static Diff between(Schema a, Schema b, DiffOptions options) {
        Schema before = Scope.restrict(a, options.schemas());
        Schema after = Scope.restrict(b, options.schemas());
        Renames.Applied renamed = Renames.apply(before, options.renames());
        return new Planner(renamed.schema(), after, options).plan(renamed.changes()).withWarnings(notCompared(a, b));
    }

    /** One warning per object or setting the model leaves out, saying on which side it is. */
    static List<String> notCompared(Schema a, Schema b) {
        Set<String> all = new TreeSet<>(a.unmodelled());
        all.addAll(b.unmodelled());
        List<String> warnings = new ArrayList<>();
        for (String object : all) {
            String side = !b.unmodelled().contains(object) ? "A only" : !a.unmodelled().contains(object) ? "B only" : "A and B";
            warnings.add("not compared (Ferry does not model it): " + object + " (in " + side + ")");
        }
        return warnings;
    }
}
