package io.ferry.transfer;

import java.util.concurrent.atomic.AtomicInteger;

/** Hears a transfer or load and says nothing; fails after a number of chunks, as a crash would. */
final class QuietListener implements Transfer.Listener {
    private final AtomicInteger chunks = new AtomicInteger();
    private final int failAfter;

    /** Never fails. */
    QuietListener() {
        this(Integer.MAX_VALUE);
    }

    QuietListener(int failAfter) {
        this.failAfter = failAfter;
    }

    @Override
    public void phase(String description) {
    }

    @Override
    public void note(String line) {
    }

    @Override
    public void chunkCopied(Chunk chunk, long rows, long bytes) {
        if (chunks.incrementAndGet() == failAfter) {
            throw new IllegalStateException("simulated crash after " + failAfter + " chunks");
        }
    }
}
