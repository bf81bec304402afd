package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.CkanIni;
import io.ferry.connect.ConnectionParser;
import io.ferry.connect.ConnectionSpec;
import io.ferry.connect.Environment;
import io.ferry.embedded.EmbeddedServer;
import java.nio.file.Path;

/**
 * A database named on the command line, resolved: a server URL, a ckan.ini's sqlalchemy.url, or
 * {@code embedded:NAME} (that database on Ferry's own embedded server, started if need be and
 * stopped again on close).
 */
public final class Database implements AutoCloseable {
    public static final String EMBEDDED = "embedded:";

    private final ConnectionSpec spec;
    private final EmbeddedServer server;

    private Database(ConnectionSpec spec, EmbeddedServer server) {
        this.spec = spec;
        this.server = server;
    }

    /** @param env the run's environment: PG* variables, ~/.pgpass, FERRY_HOME for embedded:, CKAN_* for ckan.ini */
    public static Database resolve(String db, Path ckanIni, Environment env) {
        if (db != null && ckanIni != null) {
            throw new FerryException(ErrorCode.USAGE, "give either --db or -c/--config, not both");
        }
        if (ckanIni != null) {
            return new Database(new ConnectionParser(env).parse(CkanIni.read(ckanIni, env).sqlalchemyUrl()), null);
        }
        if (db == null) {
            throw new FerryException(ErrorCode.USAGE, "no database given: use --db URL or -c ckan.ini");
        }
        if (db.startsWith(EMBEDDED)) {
            String name = db.substring(EMBEDDED.length());
            if (name.isBlank()) {
                throw new FerryException(ErrorCode.USAGE, "embedded: needs a database name, e.g. embedded:ckan");
            }
            EmbeddedServer server = EmbeddedServer.open(FerryHome.embeddedData(env));
            server.createDatabase(name);
            return new Database(server.connection(name), server);
        }
        return new Database(new ConnectionParser(env).parse(db), null);
    }

    public ConnectionSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
