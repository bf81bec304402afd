package io.ferry.cli;

import io.ferry.connect.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether progress bars can be drawn: they go to standard error, so they follow standard error being
 * a terminal, whatever standard output is ({@code ferry run plan.yaml > log} keeps its bars).
 * {@link System#console()} cannot tell: it needs standard input and output to be terminals too.
 */
final class Terminal {
    private Terminal() {
    }

    /** Standard error is a terminal (Linux: fd 2 is a tty or pseudo-tty) and TERM can redraw a line. */
    public static boolean stderr(Environment env) {
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
