package io.ferry.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the server of a throwaway cluster the quick way. A normal stop ends with a checkpoint that
 * writes every page the loads changed, and then waits for it; an immediate shutdown (SIGQUIT to the
 * postmaster) skips that, which is safe only because the cluster is deleted right after and never
 * started again.
 */
final class Postmaster {
    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
    private static final long WAIT_MILLIS = 10_000;
    private static final String PID_FILE = "postmaster.pid";

    private Postmaster() {
    }

    /**
     * Shuts down the postmaster running on {@code dataDir} without a checkpoint and waits until it is
     * gone.
     *
     * @return whether it is gone (true if none ran); false if it could not be told to stop, or did
     *     not in time
     */
    static boolean stopImmediately(Path dataDir) {
        Optional<ProcessHandle> postmaster = pid(dataDir).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            return true;
        }
        try {
            // Java signals only TERM and KILL: TERM is PostgreSQL's slow "smart" shutdown, KILL would
            // leave its backends behind. kill(1) sends QUIT.
            Process kill = new ProcessBuilder(List.of("kill", "-QUIT", Long.toString(postmaster.get().pid())))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                return false;
            }
            // Done once it removed postmaster.pid, its last act (as pg_ctl sees it): the process itself
            // may linger as a zombie until its parent, whoever adopted it, reaps it.
            Path pidFile = dataDir.resolve(PID_FILE);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
            while (Files.exists(pidFile) && postmaster.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return !Files.exists(pidFile) || !postmaster.get().isAlive();
        } catch (IOException e) {
            LOG.debug("cannot signal the postmaster on {}: {}", dataDir, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The postmaster's process id: the first line of postmaster.pid. */
    private static Optional<Long> pid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve(PID_FILE));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
