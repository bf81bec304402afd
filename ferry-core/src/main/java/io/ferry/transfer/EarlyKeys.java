package io.ferry.transfer;

import io.ferry.schema.script.TransferScript;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds a table's keys and indexes, and analyzes it, as soon as its last chunk is in, while other
 * tables are still copying (as pgcopydb does), instead of waiting for every table. Index builds are
 * mostly sorting, copies mostly waiting on I/O and the other server, so the two overlap well. Then,
 * as soon as both tables of a foreign key are built, the key is added and validated, rather than
 * all keys after all post-data. What is built is recorded like any post-data step, so
 * {@link PostData#run} afterwards skips it.
 */
final class EarlyKeys implements Transfer.Listener {
    private final Transfer.Listener listener;
    private final PostData post;
    private final Set<String> done;
    private final Map<String, List<String>> keys = new HashMap<>();
    private final Map<String, AtomicInteger> pending = new ConcurrentHashMap<>();
    private final Map<String, List<TransferScript.ForeignKey>> foreignKeysOf = new HashMap<>();
    private final Set<String> built = ConcurrentHashMap.newKeySet();
    private final Set<TransferScript.ForeignKey> added = ConcurrentHashMap.newKeySet();
    /** Per table a worker is adding keys to, its keys still waiting (the worker drops the entry when done). */
    private final Map<String, Deque<TransferScript.ForeignKey>> queued = new HashMap<>();
    /** Held while a foreign key is added: see {@link #addAndValidate}. */
    private final Object adding = new Object();
    private final TableBuilds builds;

    /** @param foreignKeys the schema's foreign keys ({@link TransferScript#foreignKeys}) */
    EarlyKeys(Transfer.Listener listener, PostData post, TransferScript script,
              List<TransferScript.ForeignKey> foreignKeys, List<TransferState.Entry> plan, int jobs) {
        this.listener = listener;
        this.post = post;
        this.done = post.done();
        keys.putAll(PostData.tableSteps(script, TransferState.tables(plan)));
        plan.stream().filter(e -> !e.done())
                .forEach(e -> pending.computeIfAbsent(e.chunk().table(), t -> new AtomicInteger()).incrementAndGet());
        // Only keys whose referenced table is an ordinary one built here: the unique index a key
        // needs exists once that table is built. The rest are added by the post-data script.
        Set<String> postData = Set.copyOf(script.postData());
        for (TransferScript.ForeignKey fk : foreignKeys) {
            if (script.keysByTable().containsKey(fk.referenced()) && postData.contains(fk.add())) {
                foreignKeysOf.computeIfAbsent(fk.table().sql(), t -> new ArrayList<>()).add(fk);
                if (!fk.referenced().equals(fk.table())) {
                    foreignKeysOf.computeIfAbsent(fk.referenced().sql(), t -> new ArrayList<>()).add(fk);
                }
            }
        }
        this.builds = new TableBuilds(post, jobs, done);
    }

    @Override
    public void chunkCopied(Chunk chunk, long rows, long bytes) {
        listener.chunkCopied(chunk, rows, bytes);
        AtomicInteger left = pending.get(chunk.table());
        List<String> statements = keys.get(chunk.table());
        if (left != null && left.decrementAndGet() == 0 && statements != null) {
            if (chunk.of() == 1 && bytes < PostData.SMALL_BYTES) {
                builds.startSmall(statements, () -> built(chunk.table()));
            } else {
                builds.start(statements, () -> built(chunk.table()));
            }
        }
    }

    /** A table is built: its foreign keys whose other table is built too can be added now. */
    private void built(String table) {
        built.add(table);
        for (TransferScript.ForeignKey fk : foreignKeysOf.getOrDefault(table, List.of())) {
            if (built.contains(fk.table().sql()) && built.contains(fk.referenced().sql()) && added.add(fk)) {
                schedule(fk);
            }
        }
    }

    /**
     * Queues a key behind the other keys of its table, one worker at a time per table: adding a key
     * waits for any validation running on its table (their locks conflict), and a worker waiting
     * there, holding {@link #adding}, would leave its core and every other addition idle for as long
     * as that validation scans the table.
     */
    private void schedule(TransferScript.ForeignKey fk) {
        String table = fk.table().sql();
        synchronized (queued) {
            Deque<TransferScript.ForeignKey> waiting = queued.get(table);
            if (waiting != null) {
                waiting.add(fk); // the worker on this table takes it next
                return;
            }
            queued.put(table, new ArrayDeque<>(List.of(fk)));
        }
        builds.submit(() -> addQueued(table));
    }

    private void addQueued(String table) {
        while (true) {
            TransferScript.ForeignKey fk;
            synchronized (queued) {
                fk = queued.get(table).poll();
                if (fk == null) {
                    queued.remove(table);
                    return;
                }
            }
            addAndValidate(fk);
        }
    }

    /**
     * Adding a foreign key locks both its tables (SHARE ROW EXCLUSIVE), the key's own table first:
     * two keys added at once between the same two tables, one each way, could each hold the lock the
     * other waits for. So keys are added one at a time (adding NOT VALID reads no rows, it is quick)
     * and validated side by side (validation takes weaker locks, which never wait on an addition).
     */
    private void addAndValidate(TransferScript.ForeignKey fk) {
        synchronized (adding) {
            post.runInOrder(List.of(fk.add()), done);
        }
        if (fk.validate() != null) {
            post.runInOrder(List.of(fk.validate()), done);
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

    @Override
    public void loadedInPieces(Chunk chunk, int pieces, int connections) {
        listener.loadedInPieces(chunk, pieces, connections);
    }
}
