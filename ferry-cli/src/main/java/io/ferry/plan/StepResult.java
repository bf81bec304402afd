package io.ferry.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.Json;
import java.util.List;

/**
 * What a finished step reports: a one-line summary, details as JSON (kept in the checkpoint, read by
 * the report) and warnings.
 */
public record StepResult(String summary, ObjectNode details, List<String> warnings) {
    public StepResult {
        warnings = List.copyOf(warnings);
    }

    public static StepResult of(String summary) {
        return new StepResult(summary, Json.compact().createObjectNode(), List.of());
    }
}
