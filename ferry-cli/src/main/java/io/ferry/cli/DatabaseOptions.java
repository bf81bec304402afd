package io.ferry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --db} or {@code -c ckan.ini}: the database a command works on. */
final class DatabaseOptions {
    @Option(names = "--db", paramLabel = "URL",
            description = "postgres://user:pass@host:port/db, jdbc:postgresql://..., host=... dbname=..., "
                    + "or embedded:NAME. PGHOST, PGUSER, PGPASSWORD, ... and ~/.pgpass fill what is missing.")
    String db;

    @Option(names = {"-c", "--config"}, paramLabel = "CKAN_INI",
            description = "Read the database from a CKAN config file's sqlalchemy.url.")
    Path ckanIni;

    Database open(Console console) {
        return Database.resolve(db, ckanIni, console.environment());
    }
}
