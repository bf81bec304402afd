package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds tables' keys and indexes on a fixed number of connections, as tables are handed in. A
 * table's index builds run side by side ({@code CREATE INDEX} takes a SHARE lock, so builds of one
 * table do not wait for one another); once all are built, the rest of its statements run in order
 * (attaching keys to their indexes, comments, {@code ANALYZE}). Spreading one table's indexes over
 * the workers keeps every core busy when the last big table is the only one left to build.
 */
final class TableBuilds {
    private final PostData post;
    private final Set<String> done;
    private final ExecutorService pool;
    private final List<Future<?>> tasks = new ArrayList<>();

    /** @param done hashes of the statements built before (a resumed run), skipped */
    TableBuilds(PostData post, int jobs, Set<String> done) {
        this.post = post;
        this.done = done;
        this.pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "ferry-keys");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts building one table: its statements as {@link PostData#tableSteps} lists them. */
    void start(List<String> statements) {
        start(statements, () -> { });
    }

    /** Starts building one table; {@code built} runs on a worker once all its statements have. */
    void start(List<String> statements, Runnable built) {
        List<String> builds = statements.stream().filter(TableBuilds::isIndexBuild).toList();
        List<String> rest = statements.stream().filter(s -> !isIndexBuild(s)).toList();
        Runnable afterBuilds = () -> {
            if (!rest.isEmpty()) {
                post.runInOrder(rest, done);
            }
            built.run();
        };
        if (builds.isEmpty()) {
            submit(afterBuilds);
            return;
        }
        AtomicInteger left = new AtomicInteger(builds.size());
        for (String build : builds) {
            submit(() -> {
                post.runInOrder(List.of(build), done);
                if (left.decrementAndGet() == 0) {
                    afterBuilds.run();
                }
            });
        }
    }

    /** Waits for everything started, and what finished builds started in turn; the first failure is thrown. */
    void finish() {
        try {
            for (int waited = 0; ; waited++) {
                Future<?> next;
                synchronized (tasks) {
                    if (waited == tasks.size()) {
                        return;
                    }
                    next = tasks.get(waited);
                }
                next.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException(ErrorCode.INTERNAL, "interrupted while building keys", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new FerryException(ErrorCode.INTERNAL, "building keys failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** After a failure elsewhere: lets running statements end (each commits or rolls back on its own). */
    void abandon() {
        pool.shutdown();
    }

    /** Runs a task on a worker; {@link #finish} waits for it too. */
    void submit(Runnable task) {
        synchronized (tasks) {
            tasks.add(pool.submit(task));
        }
    }

    private static boolean isIndexBuild(String statement) {
        return statement.startsWith("CREATE INDEX ") || statement.startsWith("CREATE UNIQUE INDEX ");
    }
}
