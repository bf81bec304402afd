package io.ferry;

import io.ferry.sql.SqlErrors;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Ferry's one pool of workers where the first failure wins (copy, dump, load and post-data jobs,
 * the catalog generator's writers, the reindex jobs): runs tasks on a few threads of their own and
 * waits for all of them, in the order they finish, so a failure is seen as soon as it happens. On
 * the first failure the tasks not yet started are dropped, the running ones interrupted, then
 * {@code onFailure} runs (e.g. emptying a shared queue, or rolling back what was sent) and the
 * failure is thrown: unchecked ones as they are, checked ones (mostly {@link SQLException}) as a
 * {@link FerryException} naming the job.
 */
public final class Workers {
    /** One task's whole work. */
    public interface Body {
        void run() throws Exception;
    }

    private Workers() {
    }

    /**
     * The value of a task run on another thread ({@link java.util.concurrent.CompletableFuture#supplyAsync});
     * its failure as the unchecked exception it is (a {@link FerryException} keeps its code and message),
     * not wrapped in a {@link CompletionException}.
     */
    public static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** {@code count} copies of {@code body}, typically each draining a shared queue. */
    public static void repeat(String what, int count, Runnable onFailure, Body body) {
        run(what, count, Collections.nCopies(count, body), onFailure);
    }

    /**
     * @param what    how thread names and a failure message name the job, e.g. "copy"
     * @param threads at most this many tasks at once (at least one)
     */
    public static void run(String what, int threads, List<? extends Body> tasks, Runnable onFailure) {
        if (tasks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), r -> {
            Thread t = new Thread(r, "ferry-" + what);
            t.setDaemon(true);
            return t;
        });
        CompletionService<Void> done = new ExecutorCompletionService<>(pool);
        try {
            for (Body task : tasks) {
                done.submit(() -> {
                    task.run();
                    return null;
                });
            }
            for (int i = 0; i < tasks.size(); i++) {
                done.take().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            onFailure.run();
            throw new FerryException(ErrorCode.INTERNAL, "interrupted during " + what, e);
        } catch (ExecutionException e) {
            pool.shutdownNow();
            onFailure.run();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            String why = cause instanceof SQLException s ? SqlErrors.describe(s)
                    : cause.getMessage() != null ? cause.getMessage() : String.valueOf(cause);
            throw new FerryException(ErrorCode.INTERNAL, what + " failed: " + why, cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
