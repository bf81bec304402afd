package io.ferry.cli;

import io.ferry.connect.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and error pass through this on their way out: text is held until the end of a line
 * (or a carriage return, for progress bars) and scrubbed of every registered secret. It is the last
 * line of defence; nothing in Ferry prints a password on purpose.
 */
final class RedactingStream extends OutputStream {
    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    private RedactingStream(OutputStream target) {
        this.target = target;
    }

    static PrintStream wrap(PrintStream original) {
        return new PrintStream(new RedactingStream(original), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n' || b == '\r') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() {
        // A partial line is held back until it ends, so a secret cannot slip out in halves.
        try {
            target.flush();
        } catch (java.io.IOException e) {
            // The reader went away (e.g. a closed pipe); nothing sensible to do.
        }
    }

    @Override
    public synchronized void close() {
        emit();
        flush();
    }

    private void emit() {
        if (line.size() == 0) {
            return;
        }
        String text = Secrets.redact(line.toString(StandardCharsets.UTF_8));
        line.reset();
        try {
            target.write(text.getBytes(StandardCharsets.UTF_8));
            target.flush();
        } catch (java.io.IOException e) {
            // As in flush(): a closed pipe is not worth a stack trace.
        }
    }
}
