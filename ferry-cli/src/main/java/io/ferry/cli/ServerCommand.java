package io.ferry.cli;

import io.ferry.embedded.EmbeddedServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the embedded PostgreSQL in the foreground until interrupted, for trying Ferry and for benchmarks. */
@Command(name = "server", footerHeading = "%nExamples:%n",
        footer = {"  ferry server", "  ferry server --data-dir /tmp/ferry-pg"}, mixinStandardHelpOptions = true,
        description = "Run Ferry's embedded PostgreSQL 15 in the foreground until Ctrl-C.")
final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data folder (default: $FERRY_HOME/embedded-pg, the one behind --db embedded:NAME).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        Console console = Console.of(spec);
        Path dir = dataDir != null ? dataDir : FerryHome.embeddedData(console.environment());
        EmbeddedServer server = EmbeddedServer.open(dir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "ferry-server-stop"));
        console.out().println("Embedded PostgreSQL ready: " + server.connection("postgres").display());
        console.out().println("Data in " + dir.toAbsolutePath() + "; press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
