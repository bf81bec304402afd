package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Workers;
import io.ferry.connect.DatabaseIdentity;
import io.ferry.connect.Environment;
import io.ferry.embedded.EmbeddedServer;
import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.schema.read.SchemaLoader;
import io.ferry.schema.read.ServerRendering;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads schemas named on the command line: an existing file ending in {@code .sql} or
 * {@code .sql.gz} is a dump, loaded into a throwaway database on a temporary embedded server
 * (started once, on first need, and stopped on close); {@code builtin:NAME} is the schema file
 * bundled in the jar as {@code ferry/schemas/NAME.sql} (such as {@code builtin:ckan-2.8}), loaded
 * the same way; anything else is a database as {@code --db} takes it. Several sources are read at
 * the same time.
 */
public final class SchemaSource implements AutoCloseable {
    static final String BUILTIN = "builtin:";
    private final Environment env;
    private final PrintStream err;
    /** The scratch server, started on first need in a thread of its own; null until then. */
    private CompletableFuture<EmbeddedServer> server;

    /** Sources resolved in {@code env}; a warning goes to {@code err}. */
    public SchemaSource(Environment env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    public static boolean isDump(String source) {
        String lower = source.toLowerCase(java.util.Locale.ROOT);
        return (lower.endsWith(".sql") || lower.endsWith(".sql.gz")) && Files.isRegularFile(Path.of(source));
    }

    private static boolean needsServer(String source) {
        return isDump(source) || source.startsWith(BUILTIN);
    }

    /**
     * The schemas of {@code sources}, in their order. Comparing something with itself is allowed but
     * almost always a mistake (a wrong URL or file), so it is said on standard error.
     */
    public List<Schema> read(String... sources) {
        return readChecked(sources).stream().map(Read::schema).toList();
    }

    /**
     * A source as read: its schema and, for a database, its server's major version and which database
     * it is, asked over the connection that read the schema (each a connection less to open after).
     */
    private record Read(Schema schema, int major, DatabaseIdentity identity) {
        static Read ofDump(Schema schema) {
            return new Read(schema, 0, null);
        }
    }

    private List<Read> readChecked(String... sources) {
        List<Read> reads = readAll(sources);
        if (sources.length == 2) {
            sameSource(sources[0], reads.get(0), sources[1], reads.get(1)).ifPresent(what -> err.println(
                    "ferry: warning: " + sources[0] + " and " + sources[1] + " are " + what
                    + "; it is compared with itself"));
        }
        return reads;
    }

    /** What two sources both are, when they are one database or one file. */
    private java.util.Optional<String> sameSource(String a, Read readA, String b, Read readB) {
        if (isDump(a) && isDump(b)) {
            try {
                return Files.isSameFile(Path.of(a), Path.of(b)) ? java.util.Optional.of("the same file")
                        : java.util.Optional.empty();
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        }
        if (needsServer(a) || needsServer(b)) {
            return java.util.Optional.empty();
        }
        if (a.startsWith(Database.EMBEDDED) && b.startsWith(Database.EMBEDDED)) {
            return a.equals(b) ? java.util.Optional.of("the same database") : java.util.Optional.empty();
        }
        return readA.identity().sameDatabaseAs(readB.identity()) ? java.util.Optional.of("the same database")
                : java.util.Optional.empty();
    }

    private List<Read> readAll(String... sources) {
        if (List.of(sources).stream().anyMatch(SchemaSource::needsServer)) {
            ensureServer(sources);
        }
        boolean identify = sources.length == 2;
        // Two embedded: sources would race to start the same embedded server; read those one by one.
        if (List.of(sources).stream().filter(s -> s.startsWith(Database.EMBEDDED)).count() > 1) {
            return List.of(sources).stream().map(source -> readOne(source, identify)).toList();
        }
        List<CompletableFuture<Read>> reads = new ArrayList<>();
        for (String source : sources) {
            reads.add(CompletableFuture.supplyAsync(() -> readOne(source, identify)));
        }
        return reads.stream().map(Workers::join).toList();
    }

    /**
     * The schemas of {@code first} and {@code second}, comparable across PostgreSQL versions: when
     * their servers' major versions differ, the views of one are written as the other's server writes
     * them ({@link ServerRendering}), on the second's server if it is a database, else the first's.
     */
    public List<Schema> readComparable(String first, String second) {
        List<Read> reads = readChecked(first, second);
        List<Schema> schemas = reads.stream().map(Read::schema).toList();
        if (major(reads.get(0)) == major(reads.get(1))) {
            return schemas;
        }
        if (!needsServer(second)) {
            return List.of(renderedOn(second, schemas.get(0)), schemas.get(1));
        }
        if (!needsServer(first)) {
            return List.of(schemas.get(0), renderedOn(first, schemas.get(1)));
        }
        return schemas;
    }

    /** The major version of the server a source was read on: the scratch server's for a dump. */
    private int major(Read read) {
        if (read.major() > 0) {
            return read.major();
        }
        try (Connection c = server().connection("postgres").open()) {
            return ServerRendering.major(c);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot reach the embedded server: " + e.getMessage(), e);
        }
    }

    private Schema renderedOn(String database, Schema schema) {
        try (Database db = Database.resolve(database, null, env); Connection c = db.spec().open()) {
            return ServerRendering.views(c, schema);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "cannot reach " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the scratch server in a thread of its own, so that the dump files are read and split
     * meanwhile; the loads wait for it.
     */
    private synchronized void ensureServer(String... sources) {
        if (server == null) {
            Path templates = FerryHome.clusterTemplates(env);
            long bytes = loadedBytes(sources);
            CompletableFuture<EmbeddedServer> starting = new CompletableFuture<>();
            Thread start = new Thread(() -> {
                try {
                    starting.complete(EmbeddedServer.scratch(templates, bytes));
                } catch (RuntimeException | Error e) {
                    starting.completeExceptionally(e);
                }
            }, "ferry-scratch-server-start");
            start.setDaemon(true);
            start.start();
            server = starting;
        }
    }

    /** The scratch server, once it runs. */
    private EmbeddedServer server() {
        return EmbeddedServer.await(server);
    }

    /**
     * About what loading {@code sources} takes on the server: a fresh cluster (40 MB), and per byte
     * of a schema dump about 80 bytes of relation files and WAL (a 1 MB pg_dump of 1,000 tables loads
     * into 45 MB of files and writes 30 MB of WAL), counted as 100; a gzipped dump as ten times its size.
     */
    private static long loadedBytes(String... sources) {
        long bytes = 64L << 20;
        for (String source : sources) {
            if (isDump(source)) {
                try {
                    long size = Files.size(Path.of(source));
                    bytes += 100 * (source.toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? 10 * size : size);
                } catch (IOException e) {
                    bytes += 1L << 30;
                }
            } else if (source.startsWith(BUILTIN)) {
                bytes += 64L << 20;
            }
        }
        return bytes;
    }

    /** Reads one source; {@code identify}: find out which database it is too (for two sources). */
    private Read readOne(String source, boolean identify) {
        if (source.startsWith(BUILTIN)) {
            return Read.ofDump(readBuiltin(source.substring(BUILTIN.length())));
        }
        if (isDump(source)) {
            return Read.ofDump(SchemaLoader.fromDump(Path.of(source), server));
        }
        if (source.endsWith(".sql") || source.endsWith(".sql.gz")) {
            throw new FerryException(ErrorCode.INPUT, "no such dump file: " + source);
        }
        try (Database db = Database.resolve(source, null, env); Connection c = db.spec().open()) {
            return new Read(CatalogReader.read(c), ServerRendering.major(c), identify ? DatabaseIdentity.of(c) : null);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "cannot close the connection to " + source, e);
        }
    }

    /**
     * A schema file bundled in the jar. It is copied to a temporary file under its own name, so that
     * an error in it names {@code NAME.sql} and its line as for any dump.
     */
    private Schema readBuiltin(String name) {
        try (InputStream in = builtin(name)) {
            Path folder = Files.createTempDirectory("ferry-schema");
            Path file = folder.resolve(name + ".sql");
            try {
                Files.copy(in, file);
                return SchemaLoader.fromDump(file, server);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read the built-in schema " + name + ": "
                    + e.getMessage(), e);
        }
    }

    /** The schema file {@code ferry/schemas/NAME.sql} bundled in the jar; one line naming those there are, else. */
    private static InputStream builtin(String name) {
        InputStream in = name.isEmpty() || name.contains("/") ? null
                : SchemaSource.class.getClassLoader().getResourceAsStream("ferry/schemas/" + name + ".sql");
        if (in == null) {
            throw new FerryException(ErrorCode.INPUT, "no built-in schema '" + name + "' (bundled: "
                    + "builtin:legacy, builtin:ckan-2.8, builtin:ckan-2.9, builtin:ckan-2.11)");
        }
        return in;
    }

    /**
     * A schema file as a script to run: a dump file ({@code .sql}, {@code .sql.gz}) or a schema bundled
     * in the jar ({@code builtin:NAME}).
     */
    static java.io.Reader script(String source) {
        if (source.startsWith(BUILTIN)) {
            return new java.io.InputStreamReader(builtin(source.substring(BUILTIN.length())),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        if (!isDump(source)) {
            throw new FerryException(ErrorCode.INPUT, "no such dump file: " + source + " (a .sql or .sql.gz file, "
                    + "or builtin:NAME)");
        }
        return io.ferry.sql.ScriptRunner.open(Path.of(source));
    }

    @Override
    public void close() {
        if (server != null) {
            // A server still starting (a read failed early) is waited for, so that it is stopped too.
            try {
                server.join().close();
            } catch (CompletionException e) {
                // It did not start: nothing to stop; the read that needed it reported why.
            }
        }
    }
}
