package io.ferry.cli;

import io.ferry.Counts;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.SqlErrors;
import io.ferry.transfer.Chunk;
import io.ferry.transfer.Transfer;
import java.io.PrintStream;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;

/**
 * How a transfer, dump or load goes, on standard error (standard output keeps the final report, or
 * the archive). On a terminal, a progress bar of rows with rows/s, MB/s and ETA; otherwise (a log, a
 * pipe) one plain line per phase and per finished table. Also keeps each table's figures for the
 * final report.
 */
final class CopyProgress implements Transfer.Listener {
    /** One table's copy: how it was split, rows and bytes moved by this run, and its wall time. */
    static final class TableFigures {
        final String table;
        /** How it was split; a table of an archive loaded in pieces says so once it is in. */
        volatile String split;
        final int chunks;
        private int pending;
        private long rows;
        private long bytes;
        private long firstStart = Long.MAX_VALUE;
        private long lastEnd;

        TableFigures(String table, String split, int chunks) {
            this.table = table;
            this.split = split;
            this.chunks = chunks;
        }

        synchronized long rows() {
            return rows;
        }

        synchronized long bytes() {
            return bytes;
        }

        /** From the first chunk's start to the last one's end, in seconds (0 when nothing ran here). */
        synchronized double seconds() {
            return lastEnd == 0 || firstStart == Long.MAX_VALUE ? 0 : (lastEnd - firstStart) / 1e9;
        }
    }

    private final Console console;
    private final PrintStream err;
    private final Map<String, TableFigures> tables = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private volatile long copyStart;
    private volatile long lastMessage;
    private ProgressBar bar;
    private String phase = "starting";

    private CopyProgress(Console console) {
        this.console = console;
        this.err = console.err();
    }

    /** The run's standard error, with a bar when that is a terminal. */
    static CopyProgress on(Console console) {
        return new CopyProgress(console);
    }

    /** Per table (as SQL), the figures of this run. */
    Map<String, TableFigures> tables() {
        return tables;
    }

    @Override
    public synchronized void phase(String description) {
        closeBar();
        err.println(description);
        phase = description;
    }

    /** The phase the work is in (the last one announced), for messages about what failed when. */
    synchronized String currentPhase() {
        return phase;
    }

    /**
     * A full disk said plainly, with where and when: the bare error ("could not extend file ...") leaves
     * the user to guess which server and which step. Other failures pass unchanged.
     */
    RuntimeException explained(RuntimeException e, String where, String advice) {
        if (!SqlErrors.diskFull(e)) {
            return e;
        }
        ErrorCode code = e instanceof FerryException fe ? fe.code() : ErrorCode.INTERNAL;
        return new FerryException(code, "disk full on " + where + " while " + currentPhase() + " (" + e.getMessage()
                + "); " + advice, e);
    }

    @Override
    public synchronized void note(String line) {
        closeBar();
        err.println("  " + line);
    }

    @Override
    public synchronized void copyStarting(List<Chunk> chunks, long estimatedRows) {
        Map<String, Integer> pending = new ConcurrentHashMap<>();
        for (Chunk chunk : chunks) {
            pending.merge(chunk.table(), 1, Integer::sum);
            tables.computeIfAbsent(chunk.table(), t -> new TableFigures(t, split(chunk), chunk.of()));
        }
        pending.forEach((table, n) -> tables.get(table).pending = n);
        copyStart = System.nanoTime();
        if (!chunks.isEmpty()) {
            bar = ProgressBars.builder(console, "rows", estimatedRows, -1).map(b -> b.setUpdateIntervalMillis(500)
                    .showSpeed(new DecimalFormat("#,##0 rows")).build()).orElse(null);
        }
    }

    /** How a table is cut into chunks, in words (a table without a usable key goes by page ranges). */
    static String split(Chunk chunk) {
        if (chunk.of() == 1) {
            return "whole table";
        }
        return chunk.byKey() ? "key ranges" : "page (ctid) ranges";
    }

    @Override
    public void chunkStarted(Chunk chunk) {
        TableFigures figures = figures(chunk);
        synchronized (figures) {
            figures.firstStart = Math.min(figures.firstStart, System.nanoTime());
        }
    }

    @Override
    public void streamed(long n) {
        long total = bytes.addAndGet(n);
        long now = System.nanoTime();
        ProgressBar b = bar;
        if (b != null && now - lastMessage > 250_000_000L) {
            lastMessage = now;
            b.setExtraMessage(String.format(Locale.ROOT, ", %.1f MB/s", total / 1e6 / Math.max(1e-3,
                    (now - copyStart) / 1e9)));
        }
    }

    @Override
    public void chunkCopied(Chunk chunk, long rows, long chunkBytes) {
        TableFigures figures = figures(chunk);
        boolean finished;
        synchronized (figures) {
            figures.rows += rows;
            figures.bytes += chunkBytes;
            figures.lastEnd = System.nanoTime();
            finished = --figures.pending <= 0;
        }
        synchronized (this) {
            if (bar != null) {
                if (bar.getMax() > 0 && bar.getCurrent() + rows > bar.getMax()) {
                    bar.maxHint(bar.getCurrent() + rows); // the estimate was low
                }
                bar.stepBy(rows);
            } else if (finished) {
                err.printf(Locale.ROOT, "  %s: %s, %.1f MB in %.1f s (%s)%n", figures.table, Counts.of(figures.rows(), "row"),
                        figures.bytes() / 1e6, figures.seconds(), describe(figures));
            }
        }
    }

    @Override
    public void loadedInPieces(Chunk chunk, int pieces, int connections) {
        figures(chunk).split = Counts.of(pieces, "piece") + " over " + Counts.of(connections, "connection");
    }

    private static String describe(TableFigures figures) {
        return figures.chunks == 1 ? figures.split : figures.split + ", " + figures.chunks + " chunks";
    }

    /** Ends the bar, if one is shown, so the lines that follow start on a line of their own. */
    synchronized void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private TableFigures figures(Chunk chunk) {
        return tables.computeIfAbsent(chunk.table(), t -> new TableFigures(t, split(chunk), chunk.of()));
    }
}
