package io.ferry.transfer;

import io.ferry.schema.script.TransferScript;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a table's keys and indexes, and analyzes it, as soon as its last chunk is in, while other
 * tables are still copying (as pgcopydb does), instead of waiting for every table. Index builds are
 * mostly sorting, copies mostly waiting on I/O and the other server, so the two overlap well. What
 * is built is recorded like any post-data step, so {@link PostData#run} afterwards skips it.
 */
final class EarlyKeys implements Transfer.Listener {
    private final Transfer.Listener listener;
    private final Map<String, List<String>> keys = new HashMap<>();
    private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
    private final TableBuilds builds;

    EarlyKeys(Transfer.Listener listener, PostData post, TransferScript script, List<TransferState.Entry> plan,
              int jobs) {
        this.listener = listener;
        keys.putAll(PostData.tableSteps(script, TransferState.tables(plan)));
        plan.stream().filter(e -> !e.done())
                .forEach(e -> pending.computeIfAbsent(e.chunk().table(), t -> new AtomicInteger()).incrementAndGet());
        this.builds = new TableBuilds(post, jobs, post.done());
    }

    @Override
    public void chunkCopied(Chunk chunk, long rows, long bytes) {
        listener.chunkCopied(chunk, rows, bytes);
        AtomicInteger left = pending.get(chunk.table());
        List<String> statements = keys.get(chunk.table());
        if (left != null && left.decrementAndGet() == 0 && statements != null && !statements.isEmpty()) {
            builds.start(statements);
        }
    }

    /** Waits for the builds started so far; the first failure is thrown. */
    void finish() {
        builds.finish();
    }

    /** After a failed copy: lets running builds end (each commits or rolls back on its own). */
    void abandon() {
        builds.abandon();
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
