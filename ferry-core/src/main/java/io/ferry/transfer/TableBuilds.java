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

    /** A small table waiting for others to be built with, in one transaction. */
    private record Waiting(List<String> statements, Runnable built) {
    }

    /** Tables per transaction when they are small. */
    static final int SMALL_TABLES_PER_BATCH = 64;

    private final List<Waiting> small = new ArrayList<>();
    private int smallStatements;

    /**
     * Builds a small table (its statements as {@link PostData#tableSteps} lists them) together with
     * other small ones: once {@link #SMALL_TABLES_PER_BATCH} tables or {@link PostData#GROUP_STATEMENTS}
     * statements are waiting (or at {@link #finish}), a worker builds them all in one transaction, in
     * one batch of statements, each table's in order; then {@code built} runs for each.
     */
    void startSmall(List<String> statements, Runnable built) {
        List<Waiting> batch = null;
        synchronized (small) {
            small.add(new Waiting(statements, built));
            smallStatements += statements.size();
            if (small.size() >= SMALL_TABLES_PER_BATCH || smallStatements >= PostData.GROUP_STATEMENTS) {
                batch = takeSmall();
            }
        }
        if (batch != null) {
            submitSmall(batch);
        }
    }

    private List<Waiting> takeSmall() {
        List<Waiting> batch = List.copyOf(small);
        small.clear();
        smallStatements = 0;
        return batch;
    }

    private void submitSmall(List<Waiting> batch) {
        submit(() -> {
            List<String> statements = new ArrayList<>();
            batch.forEach(w -> statements.addAll(w.statements()));
            post.runBatch(statements, done);
            batch.forEach(w -> w.built().run());
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
        List<Waiting> rest;
        synchronized (small) {
            rest = takeSmall();
        }
        if (!rest.isEmpty()) {
            submitSmall(rest);
        }
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
