package io.ferry.plan;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How a running plan shows progress: on a terminal, one progress bar per long step (count, rate,
 * ETA); otherwise (a pipe, a log file, CI) plain lines, which stay readable afterwards.
 */
public abstract class Progress {
    /** A task with a known (or, when {@code total <= 0}, unknown) amount of work. */
    public interface Task extends AutoCloseable {
        void advance(long amount);

        /** The amount of work, once known after the task started (for the rate's ETA). */
        default void total(long amount) {
        }

        /** A line worth keeping (a finished table, an applied migration). */
        void note(String line);

        @Override
        void close();
    }

    /** Lines for people, at the start and end of steps. */
    public abstract void line(String text);

    public abstract Task task(String name, long total, String unit);

    /** Lines on {@code out}; with bars on standard error when it is a terminal. */
    public static Progress forConsole(PrintStream out) {
        return io.ferry.cli.Terminal.stderr() ? new Bars(out, System.err) : new Lines(out);
    }

    /** Plain lines: each note printed as it comes, totals at the end. */
    public static final class Lines extends Progress {
        private final PrintStream out;

        public Lines(PrintStream out) {
            this.out = out;
        }

        @Override
        public void line(String text) {
            out.println(text);
        }

        @Override
        public Task task(String name, long total, String unit) {
            return new Task() {
                private long done;

                @Override
                public synchronized void advance(long amount) {
                    done += amount;
                }

                @Override
                public void note(String line) {
                    out.println("  " + line);
                }

                @Override
                public void close() {
                    out.printf("  %s: %,d %s%n", name, done, unit);
                }
            };
        }
    }

    /** One progress bar per task, redrawn in place; the latest note is its message. */
    static final class Bars extends Progress {
        private final PrintStream out;
        private final PrintStream bars;

        Bars(PrintStream out, PrintStream bars) {
            this.out = out;
            this.bars = bars;
        }

        @Override
        public void line(String text) {
            out.println(text);
        }

        @Override
        public Task task(String name, long total, String unit) {
            // The builder's own rate and ETA; the console consumer redraws one line in place.
            ProgressBar bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total > 0 ? total : -1)
                    .setUnit(" " + unit, 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                    .setConsumer(new ConsoleProgressBarConsumer(bars, 120)).build();
            return new Task() {
                @Override
                public void advance(long amount) {
                    bar.stepBy(amount);
                }

                @Override
                public void total(long amount) {
                    bar.maxHint(amount);
                }

                @Override
                public void note(String line) {
                    // Short, so the bar itself keeps most of the line.
                    bar.setExtraMessage(" " + (line.length() > 28 ? line.substring(0, 27) + "…" : line));
                }

                @Override
                public void close() {
                    if (bar.getMax() > 0) {
                        bar.stepTo(Math.max(bar.getCurrent(), bar.getMax()));
                    }
                    bar.close();
                }
            };
        }
    }
}
