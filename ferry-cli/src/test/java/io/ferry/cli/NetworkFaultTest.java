package io.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A TCP proxy on 127.0.0.1 between {@code ferry transfer} and its source cuts every connection, or
 * stalls them all (nothing forwarded, nothing closed), once a seeded number of bytes has gone
 * through mid-COPY. Ferry must fail with one line and a non-zero exit (a stall within
 * {@code --stall-timeout}), then {@code --resume} through a healthy proxy must finish with the target
 * identical to the source.
 */
@Tag("slow")
class NetworkFaultTest {
    enum Fault {
        CUT, STALL
    }

    @TempDir
    Path dir;

    /** Forwards connections to a PostgreSQL port; breaks them all once {@code breakAfter} bytes came down. */
    static final class Proxy implements AutoCloseable {
        private final ServerSocket server;
        private final int upstream;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicLong down = new AtomicLong();
        private volatile long breakAfter = Long.MAX_VALUE;
        private volatile Fault fault;
        private volatile boolean broken;

        Proxy(int upstream) throws IOException {
            this.upstream = upstream;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::accept, "proxy-accept");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void breakAfter(long bytes, Fault how) {
            down.set(0);
            breakAfter = bytes;
            fault = how;
        }

        /** Whether the fault has struck since {@link #breakAfter}. */
        boolean struck() {
            return broken;
        }

        /** Back to forwarding: drops the broken connections (as a real network would, eventually). */
        void heal() throws IOException {
            breakAfter = Long.MAX_VALUE;
            broken = false;
            for (Socket s : sockets) {
                s.close();
            }
            sockets.clear();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket db = new Socket(InetAddress.getLoopbackAddress(), upstream);
                    sockets.add(client);
                    sockets.add(db);
                    pump(client, db, false);
                    pump(db, client, true);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, boolean downstream) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        if (downstream && down.addAndGet(n) > breakAfter && !broken) {
                            broken = true;
                            if (fault == Fault.CUT) {
                                for (Socket s : sockets) {
                                    s.close();
                                }
                            }
                        }
                        while (broken && fault == Fault.STALL && !from.isClosed()) {
                            Thread.sleep(50); // hold everything: no data, no close
                        }
                        out.write(buffer, 0, n);
                    }
                } catch (IOException | InterruptedException e) {
                    // The other side or the fault closed it.
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            heal();
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void transferDetectsTheFaultAndResumes(Fault fault) throws Exception {
        TestDatabase source = PostgresExtension.newDatabase("net_source");
        source.execute("CREATE TABLE package (id int PRIMARY KEY, notes text);"
                + "INSERT INTO package SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 30000) g;"
                + "CREATE TABLE tag (id int PRIMARY KEY, package_id int REFERENCES package (id));"
                + "INSERT INTO tag SELECT g, g FROM generate_series(1, 30000) g; ANALYZE");
        int trials = Faults.trials("network", 1);
        List<String> failures = new ArrayList<>();
        int midCopy = 0;
        try (Proxy proxy = new Proxy(source.spec().port())) {
            String viaProxy = "postgres://postgres@127.0.0.1:" + proxy.port() + "/" + source.name();
            for (int trial = 0; trial < trials; trial++) {
                Random random = new Random(Long.getLong("ferry.faults.seed", 1L) * 4000 + trial);
                long after = 400_000 + random.nextInt(2_000_000);
                TestDatabase target = PostgresExtension.newDatabase("net_target_" + trial);
                String what = fault + " trial " + trial + " after " + after + " bytes";
                try {
                    proxy.breakAfter(after, fault);
                    long start = System.nanoTime();
                    FerryProcess.Result broken = FerryProcess.finish(FerryProcess.start(dir, "broken" + trial,
                                    "transfer", "--from", viaProxy, "--to", target.url(), "--jobs", "1",
                                    "--split-larger-than", "256kB", "--stall-timeout", "3"),
                            dir, "broken" + trial, Duration.ofMinutes(2));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    String landed = landed(proxy, target);
                    what += ", " + landed;
                    if (landed.equals("mid-copy")) {
                        midCopy++;
                    }
                    assertEquals(1, broken.exitCode(), what + ": " + broken.all());
                    List<String> errors = broken.err().lines().filter(l -> l.startsWith("ferry: ")).toList();
                    assertEquals(1, errors.size(), what + ": one line\n" + broken.err());
                    // Progress lines may come first (standard error is where progress goes); the error is last.
                    List<String> all = broken.err().strip().lines().toList();
                    assertTrue(all.get(all.size() - 1).startsWith("ferry: "), what + ": the error ends it\n" + broken.err());
                    assertTrue(errors.get(0).contains(fault == Fault.CUT ? "the connection broke" : "stalled")
                            && errors.get(0).contains("--resume"), what + ": " + errors);
                    proxy.heal();
                    FerryProcess.Result resumed = FerryProcess.runJvm(dir, "transfer", "--from", viaProxy, "--to",
                            target.url(), "--resume", "--jobs", "1");
                    assertEquals(0, resumed.exitCode(), what + ": --resume\n" + resumed.all());
                    assertEquals(Faults.fingerprint(source), Faults.fingerprint(target), what);
                    System.out.printf("network %s: failed after %.1f s with: %s%n", what, seconds, errors.get(0));
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                    proxy.heal();
                }
            }
        }
        String line = "network " + fault.name().toLowerCase(Locale.ROOT) + " " + (trials - failures.size()) + "/"
                + trials + ", " + midCopy + " mid-copy";
        // A fault that struck before or after the copy, or never, tests nothing the suite claims.
        if (midCopy * 10 < trials * 9) {
            failures.add("only " + midCopy + " of " + trials + " faults struck mid-copy (at least 90% must)");
        }
        Faults.tally(line, failures);
    }

    /** Where the fault struck, as the target's copy records tell it once the broken run has ended. */
    private static String landed(Proxy proxy, TestDatabase target) throws Exception {
        if (!proxy.struck()) {
            return "never struck";
        }
        try (TargetProbe probe = new TargetProbe(target)) {
            long planned = probe.count("SELECT count(*) FROM ferry.transfer_chunk");
            if (planned < 0) {
                return "before the copy";
            }
            long copied = probe.count("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL");
            return copied < planned ? "mid-copy" : "after the copy";
        }
    }
}
