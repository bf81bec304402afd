package io.ferry.migrate;

/** Hears what {@link Migrator#migrate} does, for progress output. All methods do nothing by default. */
public interface MigrationListener {

    /** Hears nothing: for commands that only read. */
    MigrationListener NONE = new MigrationListener() {
    };

    default void baselined(String module, MigrationVersion version, String source) {
    }

    default void starting(Migration migration) {
    }

    default void applied(Migration migration, long executionMs) {
    }

    default void retrying(Migration migration, int attempt, long delayMs) {
    }

    /** Dry run: the migration that would run now, and its SQL. */
    default void wouldApply(Migration migration) {
    }
}
