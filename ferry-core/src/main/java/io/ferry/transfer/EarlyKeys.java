package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.script.TransferScript;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a table's keys and indexes, and analyzes it, as soon as its last chunk is in, while other
 * tables are still copying (as pgcopydb does), instead of waiting for every table. Index builds are
 * mostly sorting, copies mostly waiting on I/O and the other server, so the two overlap well. What
 * is built is recorded like any post-data step, so {@link PostData#run} afterwards skips it.
 */
final class EarlyKeys implements Transfer.Listener {
    private final Transfer.Listener listener;
    private final PostData post;
    private final Map<String, List<String>> keys = new HashMap<>();
    private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final List<Future<?>> builds = new ArrayList<>();

    EarlyKeys(Transfer.Listener listener, PostData post, TransferScript script, List<TransferState.Entry> plan,
              int jobs) {
        this.listener = listener;
        this.post = post;
        keys.putAll(PostData.tableSteps(script, TransferState.tables(plan)));
        plan.stream().filter(e -> !e.done())
                .forEach(e -> pending.computeIfAbsent(e.chunk().table(), t -> new AtomicInteger()).incrementAndGet());
        this.pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "ferry-early-keys");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void chunkCopied(Chunk chunk, long rows, long bytes) {
        listener.chunkCopied(chunk, rows, bytes);
        AtomicInteger left = pending.get(chunk.table());
        List<String> statements = keys.get(chunk.table());
        if (left != null && left.decrementAndGet() == 0 && statements != null && !statements.isEmpty()) {
            synchronized (builds) {
                builds.add(pool.submit(() -> post.runTable(statements)));
            }
        }
    }

    /** Waits for the builds started so far; the first failure is thrown. */
    void finish() {
        pool.shutdown();
        List<Future<?>> started;
        synchronized (builds) {
            started = List.copyOf(builds);
        }
        for (Future<?> build : started) {
            try {
                build.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FerryException(ErrorCode.INTERNAL, "interrupted while building keys", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new FerryException(ErrorCode.INTERNAL, "building keys failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** After a failed copy: lets running builds end (each commits or rolls back on its own). */
    void abandon() {
        pool.shutdown();
    }

    @Override
    public void phase(String description) {
        listener.phase(description);
    }

    @Override
    public void note(String line) {
        listener.note(line);
    }

    @Override
    public void copyStarting(List<Chunk> chunks, long estimatedRows) {
        listener.copyStarting(chunks, estimatedRows);
    }

    @Override
    public void chunkStarted(Chunk chunk) {
        listener.chunkStarted(chunk);
    }

    @Override
    public void streamed(long bytes) {
        listener.streamed(bytes);
    }
}
