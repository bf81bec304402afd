package io.ferry.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.diff.Change;
import io.ferry.diff.Diff;
import java.io.PrintStream;
import java.util.List;
import java.util.TreeSet;

/** How diff, verify and new print a diff and refuse destructive statements. */
final class DiffOutput {

    private DiffOutput() {
    }

    /**
     * Refuses a diff with destructive statements unless {@code unsafe}: lists them on standard error
     * and throws with {@link ErrorCode#UNSAFE_CHANGE}.
     */
    static void refuseUnsafe(Diff diff, boolean unsafe, PrintStream err) {
        List<Change.Statement> destructive = diff.destructive();
        if (unsafe || destructive.isEmpty()) {
            return;
        }
        // The listing first, then the one "ferry:" error line, as every other failure ends.
        err.println("destructive statements:");
        destructive.forEach(s -> err.println("  " + s.sql().lines().findFirst().orElse("") + ";"));
        throw new FerryException(ErrorCode.UNSAFE_CHANGE, "refused " + destructive.size()
                + " destructive statement" + (destructive.size() == 1 ? "" : "s")
                + " (listed above; give --unsafe to include them); nothing printed");
    }

    /** One line on standard error per object the diff could not compare. */
    static void warn(Diff diff, PrintStream err) {
        diff.warnings().forEach(w -> err.println("ferry: warning: " + w));
    }

    /** The change list with each statement's hazards, as Json.pretty(). */
    static String json(Diff diff) {
        ObjectNode root = Json.pretty().createObjectNode();
        root.put("differences", !diff.isEmpty());
        root.put("transactional", diff.transactional());
        ArrayNode warnings = root.putArray("warnings");
        diff.warnings().forEach(warnings::add);
        ArrayNode changes = root.putArray("changes");
        for (Change change : diff.changes()) {
            ObjectNode node = changes.addObject();
            node.put("kind", change.kind().name().toLowerCase());
            node.put("objectKind", change.ref().kind().name().toLowerCase());
            node.put("object", change.ref().key());
            ArrayNode statements = node.putArray("statements");
            for (Change.Statement statement : change.statements()) {
                ObjectNode s = statements.addObject();
                s.put("sql", statement.sql());
                ArrayNode hazards = s.putArray("hazards");
                new TreeSet<>(statement.hazards()).forEach(h -> hazards.add(h.name().toLowerCase()));
            }
        }
        try {
            return Json.pretty().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
