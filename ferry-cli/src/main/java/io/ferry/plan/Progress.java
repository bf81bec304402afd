package io.ferry.plan;

import io.ferry.cli.Console;
import io.ferry.cli.ProgressBars;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

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

    /** Lines on the run's standard output; with bars on its standard error when that is a terminal. */
    public static Progress forConsole(Console console) {
        return console.terminal() ? new Bars(console) : new Lines(console.out());
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
                    out.printf(Locale.ROOT, "  %s: %,d %s%n", name, done, unit);
                }
            };
        }
    }

    /** One progress bar per task, redrawn in place; the latest note is its message. */
    static final class Bars extends Progress {
        private final Console console;
        private final PrintStream out;

        Bars(Console console) {
            this.console = console;
            this.out = console.out();
        }

        @Override
        public void line(String text) {
            out.println(text);
        }

        @Override
        public Task task(String name, long total, String unit) {
            // The builder's own rate and ETA; the console consumer redraws one line in place.
            ProgressBar bar = ProgressBars.builder(console, name, total, 120).orElseThrow().setUnit(" " + unit, 1)
                    .showSpeed().setUpdateIntervalMillis(250).continuousUpdate().build();
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
