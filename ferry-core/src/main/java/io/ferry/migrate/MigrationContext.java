package io.ferry.migrate;

import java.sql.Connection;

/**
 * What a running migration gets: its connection and the data assertions of the seed's migration 034
 * style, capture a value before the change and check a relation after it. Captured values and the
 * outcome of every check are stored in the migration's history row.
 */
public interface MigrationContext {

    /** The connection to run on; inside the migration's transaction unless it is non-transactional. */
    Connection connection();

    /**
     * Evaluates a query that returns one value (e.g. {@code SELECT count(*) FROM package}) and keeps it
     * under {@code name} for later checks.
     *
     * @return the value as text (null for SQL NULL)
     */
    String capture(String name, String query);

    /**
     * Evaluates a boolean query in which {@code :name} stands for a captured value. A false or NULL
     * result, or an error, fails the migration with both the check and the captured values in the message.
     */
    void check(String query);
}
