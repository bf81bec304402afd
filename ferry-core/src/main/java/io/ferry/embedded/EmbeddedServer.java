package io.ferry.embedded;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Workers;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.Identifiers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 15 server that Ferry runs itself, from the binaries bundled in the jar: for the demo,
 * for {@code --db embedded:NAME}, for loading dump files into a throwaway database, and for tests.
 *
 * <p>If a server is already running on the same data folder (another Ferry process started it), this
 * attaches to it instead of starting a second one, and leaves it running on {@link #close()}.
 */
public final class EmbeddedServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    public static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDir;
    /** The data folder of a scratch server, removed on close; null for the others. */
    private final Path scratchDir;
    /** Stops a scratch server if the JVM ends before it is closed (Ctrl-C, say). */
    private final Thread scratchHook = new Thread(this::discardScratch, "ferry-scratch-server-stop");
    private boolean discarded;

    private EmbeddedServer(EmbeddedPostgres postgres, int port, Path dataDir) {
        this(postgres, port, dataDir, null);
    }

    private EmbeddedServer(EmbeddedPostgres postgres, int port, Path dataDir, Path scratchDir) {
        this.postgres = postgres;
        this.port = port;
        this.dataDir = dataDir;
        this.scratchDir = scratchDir;
    }

    /**
     * Starts (or attaches to) the server whose data lives in {@code dataDir}, creating the folder and
     * the cluster on first use.
     */
    public static EmbeddedServer open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        Optional<Integer> running = runningPort(dir);
        if (running.isPresent()) {
            LOG.info("attaching to the embedded PostgreSQL already running on {}", dir);
            return new EmbeddedServer(null, running.get(), dir);
        }
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres pg = builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
            return new EmbeddedServer(pg, pg.getPort(), dir);
        } catch (IOException | RuntimeException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot start embedded PostgreSQL in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** A server on a fresh temporary folder, removed when closed: for throwaway databases and tests. */
    public static EmbeddedServer temporary() {
        try {
            EmbeddedPostgres pg = builder().start();
            return new EmbeddedServer(pg, pg.getPort(), null);
        } catch (IOException | RuntimeException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * The server {@code starting} (started on another thread) gives once it runs; a failure to start
     * as the exception it is, not wrapped.
     */
    public static EmbeddedServer await(CompletableFuture<EmbeddedServer> starting) {
        return Workers.join(starting);
    }

    /**
     * A server for throwaway loads (dump files read as schemas): nothing on it outlives it, and it
     * is set up for that. Its data folder is in memory when there is room ({@link ScratchFolder};
     * {@code expectedBytes} is about what the loads will take) and is copied from a warm template
     * of a fresh cluster kept in {@code templates} ({@link ClusterTemplate}), made by initdb the
     * first time; it is stopped without a checkpoint and removed when closed ({@link Postmaster}).
     */
    public static EmbeddedServer scratch(Path templates, long expectedBytes) {
        Optional<ClusterTemplate> template = ClusterTemplate.in(templates);
        try {
            return scratch(template, expectedBytes);
        } catch (FerryException e) {
            if (template.isEmpty()) {
                throw e;
            }
            // A template that cannot start (damaged, or from binaries it could not tell apart) is
            // made again by initdb.
            LOG.debug("the cluster template did not start; making a fresh cluster", e);
            template.get().discard();
            return scratch(template, expectedBytes);
        }
    }

    private static EmbeddedServer scratch(Optional<ClusterTemplate> template, long expectedBytes) {
        Path dir = null;
        try {
            dir = ScratchFolder.create(expectedBytes);
            Path folder = dir;
            boolean copied = template.map(t -> t.copyTo(folder)).orElse(false);
            // Zonky's own hook would stop the server with a checkpoint; this one stops it at once.
            EmbeddedPostgres.Builder builder = builder().setDataDirectory(dir).setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false);
            if (!copied && template.isPresent()) {
                // Called after initdb and before the server starts: the cluster is as initdb left it.
                builder.setDataDirectoryCustomizer(fresh -> template.get().save(fresh.toPath()));
            }
            // CREATE INDEX otherwise runs the planner to size parallel workers, for tables that are empty.
            builder.setServerConfig("max_parallel_maintenance_workers", "0");
            EmbeddedPostgres pg = builder.start();
            EmbeddedServer server = new EmbeddedServer(pg, pg.getPort(), null, dir);
            Runtime.getRuntime().addShutdownHook(server.scratchHook);
            return server;
        } catch (IOException | RuntimeException e) {
            if (dir != null) {
                Postmaster.stopImmediately(dir);
                Folders.delete(dir);
            }
            throw new FerryException(ErrorCode.INTERNAL, "cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * A temporary server run from other binaries than the bundled ones: {@code binaries} opens a
     * zonky {@code postgres-linux-x86_64.txz} archive (of another PostgreSQL version, say). For tests
     * that move catalogs between versions.
     */
    public static EmbeddedServer temporary(PgBinaryResolver binaries) {
        try {
            EmbeddedPostgres pg = builder().setPgBinaryResolver(binaries).start();
            return new EmbeddedServer(pg, pg.getPort(), null);
        } catch (IOException | RuntimeException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Loopback only; enough connections for parallel workers and several test databases. */
    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "localhost");
    }

    /** The port of a live postmaster on this data folder, read from its postmaster.pid. */
    static Optional<Integer> runningPort(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(port);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("ignoring unreadable {}", pidFile, e);
        }
        return Optional.empty();
    }

    public int port() {
        return port;
    }

    /** The data folder, or null for a temporary server. */
    public Path dataDir() {
        return dataDir;
    }

    /** How to reach {@code database} on this server as its superuser (local trust login, no password). */
    public ConnectionSpec connection(String database) {
        return new ConnectionSpec("localhost", port, database, SUPERUSER, null, Map.of());
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        try (Connection c = connection("postgres").open();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + Identifiers.quote(name));
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database if it exists, disconnecting its sessions. */
    public void dropDatabase(String name) {
        try (Connection c = connection("postgres").open(); Statement st = c.createStatement()) {
            // WITH (FORCE) exists from PostgreSQL 13 on; older servers (in tests) end the sessions first.
            if (c.getMetaData().getDatabaseMajorVersion() >= 13) {
                st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
            } else {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                        + Identifiers.literal(name));
                st.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name));
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops a scratch server at once and removes its data folder; once. */
    private synchronized void discardScratch() {
        if (discarded) {
            return;
        }
        discarded = true;
        if (!Postmaster.stopImmediately(scratchDir)) {
            closeQuietly();
        }
        Folders.removeLater(scratchDir);
    }

    private void closeQuietly() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    /** Whether this is a {@link #scratch} server: its databases need no dropping, they all go with it. */
    public boolean isScratch() {
        return scratchDir != null;
    }

    /** Stops the server if this object started it; a scratch server's data folder is removed. */
    @Override
    public void close() {
        if (scratchDir != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(scratchHook);
            } catch (IllegalStateException e) {
                // The JVM is ending: the hook runs anyway.
            }
            discardScratch();
        } else if (postgres != null) {
            closeQuietly();
        }
    }
}
