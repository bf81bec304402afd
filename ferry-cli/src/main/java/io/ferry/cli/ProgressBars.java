package io.ferry.cli;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The one place Ferry's progress bars are made: on a run's standard error, only when that is a
 * terminal ({@link Console#terminal()}), all alike (ASCII, redrawn in place, rates per second). Where
 * there is no bar (a log, a pipe, CI) the caller prints plain lines instead.
 */
public final class ProgressBars {
    private ProgressBars() {
    }

    /**
     * A bar's builder for {@code total} units ({@code total <= 0}: not known yet), to which the caller
     * adds its unit, speed format and refresh interval; empty when standard error is not a terminal.
     *
     * @param width the widest the bar is drawn, or -1 for the terminal's width
     */
    public static Optional<ProgressBarBuilder> builder(Console console, String task, long total, int width) {
        if (!console.terminal()) {
            return Optional.empty();
        }
        return Optional.of(new ProgressBarBuilder().setTaskName(task).setInitialMax(total > 0 ? total : -1)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(console.err(), width))
                .setSpeedUnit(ChronoUnit.SECONDS));
    }
}
