package io.ferry.test;

import io.ferry.embedded.EmbeddedServer;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test that asks for a {@link TestDatabase} parameter a new, empty database on one
 * embedded PostgreSQL server shared by the whole test JVM (started on first use, stopped at exit).
 */
public final class PostgresExtension implements ParameterResolver {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Lazily started, once per JVM: the holder idiom keeps start-up thread-safe without locks. */
    private static final class Holder {
        static final EmbeddedServer SERVER = start();

        private static EmbeddedServer start() {
            EmbeddedServer server = EmbeddedServer.temporary();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-pg-stop"));
            return server;
        }
    }

    public static EmbeddedServer server() {
        return Holder.SERVER;
    }

    /** A new empty database, named after the test for easier debugging. */
    public static TestDatabase newDatabase(String hint) {
        String clean = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String name = "t" + COUNTER.incrementAndGet() + "_" + clean.substring(0, Math.min(clean.length(), 40));
        server().createDatabase(name);
        return new TestDatabase(name, server().connection(name));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String hint = context.getTestMethod().map(m -> m.getName()).orElse("db");
        return newDatabase(hint);
    }
}
