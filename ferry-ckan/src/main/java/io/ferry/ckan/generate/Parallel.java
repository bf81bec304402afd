package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Workers;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs tasks on up to {@code jobs} connections of their own, each task in its own transaction, and
 * waits for all of them ({@link Workers}: the first failure stops the rest and is thrown).
 */
final class Parallel {
    /** Work done on one connection inside one transaction. */
    interface Task {
        void run(Connection c) throws SQLException;
    }

    private Parallel() {
    }

    static void run(ConnectionSpec target, int jobs, List<Task> tasks) {
        Workers.run("generate", jobs, tasks.stream().<Workers.Body>map(task -> () -> runOne(target, task)).toList(),
                () -> { });
    }

    private static void runOne(ConnectionSpec target, Task task) {
        try (Connection c = target.open()) {
            c.setAutoCommit(false);
            task.run(c);
            if (!c.getAutoCommit()) { // a task may need autocommit (ANALYZE of the whole database)
                c.commit();
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "ckan generate: " + SqlErrors.describe(e), e);
        }
    }
}
