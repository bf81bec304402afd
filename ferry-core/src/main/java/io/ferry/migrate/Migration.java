package io.ferry.migrate;

import java.sql.SQLException;
import java.util.Set;

/**
 * One step of a module: a numbered SQL file or a Java class. Each migration knows how to run itself
 * and whether it may run inside a transaction.
 */
public interface Migration {

    String module();

    MigrationVersion version();

    String description();

    /** Where it comes from, as the history records it: {@code core/072_resource_view.sql} or a class name. */
    String script();

    /** {@code SQL} or {@code JAVA}, as the history records it. */
    String type();

    /** A fingerprint of the content, compared by {@code validate}; null when there is none to compare. */
    String checksum();

    /**
     * Checksums of earlier texts of this same step that count as applying it: a step rewritten so it
     * also runs where it could not before (a later schema) is not "changed" on a site that applied
     * the earlier text.
     */
    default Set<String> replacedChecksums() {
        return Set.of();
    }

    /** Whether a history row's checksum is this migration's, today's or one it replaces. */
    default boolean matchesChecksum(String recorded) {
        return checksum() == null || recorded == null || checksum().equals(recorded)
                || replacedChecksums().contains(recorded);
    }

    /** False for migrations that must run in autocommit, e.g. CREATE INDEX CONCURRENTLY. */
    boolean transactional();

    /** Runs the migration on the context's connection (transaction handling is the caller's). */
    void execute(MigrationContext context) throws SQLException;

    /** What {@code migrate --dry-run} prints for this migration. */
    String preview();

    /** {@code module version}: how messages name a migration. */
    default String label() {
        return module() + " " + version() + " (" + script() + ")";
    }
}
