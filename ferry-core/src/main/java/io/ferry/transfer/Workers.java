package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.SqlErrors;
import java.sql.SQLException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs several copies of a worker (each typically draining a shared queue) and waits for all of
 * them. The first failure wins: {@code onFailure} runs (e.g. emptying the queue, so the others stop
 * after their current piece) and the failure is thrown, unchecked ones as they are, checked ones
 * (mostly {@link SQLException}) as a {@link FerryException}.
 */
final class Workers {
    /** One worker's whole job. */
    interface Body {
        void run() throws Exception;
    }

    private Workers() {
    }

    /**
     * @param what how a failure message names the job, e.g. "copy"
     */
    static void run(String what, int count, Runnable onFailure, Body body) {
        ExecutorService pool = Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, "ferry-" + what);
            t.setDaemon(true);
            return t;
        });
        // Waiting in completion order, so a failure is seen as soon as it happens, not after the
        // workers submitted before it have finished.
        CompletionService<Void> done = new ExecutorCompletionService<>(pool);
        try {
            for (int i = 0; i < count; i++) {
                done.submit(() -> {
                    body.run();
                    return null;
                });
            }
            for (int i = 0; i < count; i++) {
                done.take().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onFailure.run();
            throw new FerryException(ErrorCode.INTERNAL, "interrupted during " + what, e);
        } catch (ExecutionException e) {
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
