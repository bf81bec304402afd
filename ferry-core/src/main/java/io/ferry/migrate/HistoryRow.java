package io.ferry.migrate;

import java.time.OffsetDateTime;

/**
 * One row of {@code ferry_schema_history}.
 *
 * @param assertions JSON: {@code {"captures": {...}, "checks": [...]}}, or null when the migration had none
 */
public record HistoryRow(long rank, String module, MigrationVersion version, String description, String type,
                         String script, String checksum, String installedBy, OffsetDateTime installedOn,
                         long executionMs, boolean success, String error, String assertions) {

    public static final String BASELINE = "BASELINE";

    public boolean isBaseline() {
        return BASELINE.equals(type);
    }
}
