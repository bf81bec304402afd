package io.ferry.migrate;

/**
 * A migration written in Java, for steps SQL cannot express comfortably. Implementations are found
 * with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/io.ferry.migrate.JavaMigration}) and named like SQL files: a class called
 * {@code V87_convert_harvest_sources} is version 87, "convert harvest sources", of {@link #module()}.
 */
public interface JavaMigration {

    /** The module this migration belongs to, e.g. {@code harvest}. */
    String module();

    /** Runs the change; capture and check values through the context as SQL migrations do. */
    void migrate(MigrationContext context) throws Exception;

    /** False to run in autocommit instead of one transaction. */
    default boolean transactional() {
        return true;
    }

    /** A fingerprint compared by {@code validate}; change it when the migration's behaviour changes. */
    default String checksum() {
        return null;
    }
}
