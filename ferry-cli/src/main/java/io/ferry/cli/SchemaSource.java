package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.embedded.EmbeddedServer;
import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.schema.read.SchemaLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reads schemas named on the command line: an existing file ending in {@code .sql} or
 * {@code .sql.gz} is a dump, loaded into a throwaway database on a temporary embedded server
 * (started once, on first need, and stopped on close); anything else is a database as
 * {@code --db} takes it. Several sources are read at the same time.
 */
public final class SchemaSource implements AutoCloseable {
    private EmbeddedServer server;

    public static boolean isDump(String source) {
        String lower = source.toLowerCase(java.util.Locale.ROOT);
        return (lower.endsWith(".sql") || lower.endsWith(".sql.gz")) && Files.isRegularFile(Path.of(source));
    }

    /** The schemas of {@code sources}, in their order. */
    public List<Schema> read(String... sources) {
        for (String source : sources) {
            if (isDump(source)) {
                ensureServer();
            }
        }
        // Two embedded: sources would race to start the same embedded server; read those one by one.
        if (List.of(sources).stream().filter(s -> s.startsWith(Database.EMBEDDED)).count() > 1) {
            return List.of(sources).stream().map(this::readOne).toList();
        }
        List<CompletableFuture<Schema>> reads = new ArrayList<>();
        for (String source : sources) {
            reads.add(CompletableFuture.supplyAsync(() -> readOne(source)));
        }
        try {
            return reads.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private synchronized void ensureServer() {
        if (server == null) {
            server = EmbeddedServer.temporary();
        }
    }

    private Schema readOne(String source) {
        if (isDump(source)) {
            return SchemaLoader.fromDump(Path.of(source), server);
        }
        if (source.endsWith(".sql") || source.endsWith(".sql.gz")) {
            throw new FerryException(ErrorCode.INPUT, "no such dump file: " + source);
        }
        try (Database db = Database.resolve(source, null)) {
            return CatalogReader.read(db.spec());
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
