package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs tasks on up to {@code jobs} connections of their own, each task in its own transaction, and
 * waits for all of them. The first failure is rethrown once every task has stopped, so nothing
 * keeps writing while the caller cleans up.
 */
final class Parallel {
    /** Work done on one connection inside one transaction. */
    interface Task {
        void run(Connection c) throws SQLException;
    }

    private Parallel() {
    }

    static void run(ConnectionSpec target, int jobs, List<Task> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, tasks.size())), r -> {
            Thread t = new Thread(r, "ferry-generate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    runOne(target, task);
                    return null;
                }));
            }
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re
                                : new FerryException(ErrorCode.INTERNAL, "ckan generate: " + e.getCause(), e.getCause());
                        futures.forEach(other -> other.cancel(false));
                    }
                } catch (java.util.concurrent.CancellationException e) {
                    // cancelled after the first failure, which is reported
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FerryException(ErrorCode.INTERNAL, "ckan generate was interrupted", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
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
