package io.ferry.schema.read;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.embedded.EmbeddedServer;
import io.ferry.schema.model.Schema;
import io.ferry.sql.CopyData;
import io.ferry.sql.Identifiers;
import io.ferry.sql.MetaCommand;
import io.ferry.sql.ScriptItem;
import io.ferry.sql.ScriptReader;
import io.ferry.sql.SqlStatement;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a SQL dump into a {@link Schema}: it loads the dump into a throwaway database on an embedded
 * server, reads that database's catalog, and drops the database. The schema is what PostgreSQL made
 * of the dump, never a parse of its text.
 *
 * <p>What is loaded: every statement, in order, with {@code check_function_bodies} off (as pg_dump
 * itself sets it), so a function body may name objects created later. The statements pg_dump writes
 * (CREATE, ALTER, COMMENT, GRANT, REVOKE, SET) go in batches, each one round trip in one transaction:
 * a dump is thousands of small statements, and one at a time, with a commit each, most of the time
 * went into the round trips and commits. A batch that fails is rolled back and run again one
 * statement at a time, as every other statement is, so that errors name their line and missing
 * roles are created as below. Foreign keys are added without checking the (empty) tables and then
 * marked valid ({@link UncheckedForeignKeys}). Not loaded:
 * <ul>
 *   <li>the data of {@code COPY ... FROM stdin} blocks: the COPY statement and its data are skipped,
 *       because only the schema is wanted and loading rows would cost time and nothing else (data
 *       given as INSERT statements is run like any statement);</li>
 *   <li>psql backslash commands (<code>&#92;restrict</code>, <code>&#92;unrestrict</code>, <code>&#92;connect</code>, ...), which
 *       a server cannot run.</li>
 * </ul>
 * A dump made on another cluster names roles (owners, grantees, policy roles) that the embedded
 * cluster lacks; each such role is created there, without login, the first time a statement fails
 * for want of it, and the statement is run again. Roles are cluster-wide, so they outlive the
 * throwaway database.
 *
 * <p>The file is read as UTF-8, gzip-compressed or not (recognised by its first bytes). While the
 * server starts, the file is read ahead, so that loading begins as soon as the server is up.
 */
public final class SchemaLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaLoader.class);
    /** The server quotes the name without escaping, so the name runs to the last quote of the line. */
    private static final Pattern MISSING_ROLE = Pattern.compile("role \"(.*)\" does not exist");
    private static final String UNDEFINED_OBJECT = "42704";
    /** Enough for any dump: each missing role costs one retry of one statement. */
    private static final int MAX_ROLE_RETRIES = 100;
    /**
     * Statements that may share a transaction with others and change nothing outside it (a batch
     * that fails must be undone whole before it is run again statement by statement); anything else,
     * such as BEGIN, COMMIT, DO, CALL, VACUUM or a SELECT of some function, runs on its own.
     */
    private static final Pattern BATCHABLE = Pattern.compile("(?is)(?:CREATE|ALTER|COMMENT|GRANT|REVOKE|SET|SECURITY"
            + "\\s+LABEL)\\b(?!\\s+(?:DATABASE|TABLESPACE|SUBSCRIPTION|SYSTEM|TRANSACTION|SESSION\\s+CHARACTERISTICS)\\b)"
            + ".*|SELECT\\s+pg_catalog\\.set_config\\s*\\(.*");
    /** Statements and characters per batch: more saves nothing measurable, and keeps transactions small. */
    private static final int BATCH_STATEMENTS = 100;
    private static final int BATCH_CHARS = 1 << 20;
    /** What is read of a file while the server starts: a 1,000-table pg_dump is 1 MB. */
    private static final int READ_AHEAD_CHARS = 8 << 20;

    private SchemaLoader() {
    }

    /**
     * Loads {@code file} ({@code .sql} or {@code .sql.gz}) into a throwaway database on {@code server}
     * and returns its schema.
     *
     * @throws FerryException with {@link ErrorCode#INPUT} if the file cannot be read or a statement
     *     fails (the message names the file and line)
     */
    public static Schema fromDump(Path file, EmbeddedServer server) {
        return fromDump(file, CompletableFuture.completedFuture(server), c -> null).schema();
    }

    /** Reads what the {@link Schema} does not hold from the throwaway database, before it goes. */
    public interface Extra<T> {
        T read(Connection connection) throws SQLException;
    }

    /** A loaded dump's schema, and what an {@link Extra} read beside it. */
    public record Loaded<T>(Schema schema, T extra) {
    }

    /** {@link #fromDump(Path, EmbeddedServer)}, and what {@code extra} reads of the loaded database. */
    public static <T> Loaded<T> fromDump(Path file, EmbeddedServer server, Extra<T> extra) {
        return fromDump(file, CompletableFuture.completedFuture(server), extra);
    }

    /**
     * As {@link #fromDump(Path, EmbeddedServer)} on a server that may still be starting: the file is
     * read ahead meanwhile (up to a few megabytes of statements), so that loading starts with the
     * server instead of after the reading.
     */
    public static Schema fromDump(Path file, CompletableFuture<EmbeddedServer> starting) {
        return fromDump(file, starting, c -> null).schema();
    }

    private static <T> Loaded<T> fromDump(Path file, CompletableFuture<EmbeddedServer> starting, Extra<T> extra) {
        long start = System.nanoTime();
        try (DumpStatements statements = new DumpStatements(file)) {
            statements.readAhead(starting::isDone, READ_AHEAD_CHARS);
            EmbeddedServer server = EmbeddedServer.await(starting);
            long ready = System.nanoTime();
            String database = "ferry_load_" + UUID.randomUUID().toString().replace("-", "");
            server.createDatabase(database);
            long created = System.nanoTime();
            try {
                T read;
                try (Connection connection = loadConnection(server, database).open()) {
                    load(statements, connection, file);
                    read = extra.read(connection);
                } catch (SQLException e) {
                    throw new FerryException(ErrorCode.INTERNAL, "cannot use the throwaway database: " + e.getMessage(), e);
                }
                long loaded = System.nanoTime();
                Schema schema = CatalogReader.read(server.connection(database));
                LOG.debug("{}: waited {} ms for the server, created the database in {} ms, loaded in {} ms, read in {} ms",
                        file.getFileName(), millis(start, ready), millis(ready, created), millis(created, loaded),
                        millis(loaded, System.nanoTime()));
                return new Loaded<>(schema, read);
            } finally {
                // A scratch server goes whole on close; dropping costs a checkpoint and the removal of its files.
                if (!server.isScratch()) {
                    server.dropDatabase(database);
                }
            }
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    /**
     * The connection that loads: it sends each statement, and each batch, as one plain query message
     * (the simple protocol): the driver does not split a batch into statements of their own, and the
     * server gets one message per batch instead of a parse, bind, describe and execute message per
     * statement. A dump has no parameters that the extended protocol would be needed for.
     */
    private static ConnectionSpec loadConnection(EmbeddedServer server, String database) {
        ConnectionSpec spec = server.connection(database);
        return new ConnectionSpec(spec.host(), spec.port(), spec.database(), spec.user(), null,
                Map.of("preferQueryMode", "simple"));
    }

    private static void load(DumpStatements statements, Connection connection, Path file) throws SQLException, IOException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET check_function_bodies = off");
        }
        Batch batch = new Batch(connection, file);
        UncheckedForeignKeys foreignKeys = new UncheckedForeignKeys(connection);
        for (SqlStatement statement = statements.next(); statement != null; statement = statements.next()) {
            if (UncheckedForeignKeys.saysNotValid(statement)) {
                batch.run();
                SqlStatement asWritten = statement;
                foreignKeys.around(() -> execute(connection, asWritten, file));
            } else {
                batch.add(foreignKeys.unchecked(statement));
            }
        }
        batch.run();
        foreignKeys.markValid();
    }

    /**
     * The statements of a dump file, in order: the data of COPY FROM stdin blocks is skipped with
     * the COPY statement itself, and psql's backslash commands are left out. Statements read ahead
     * are held until asked for.
     */
    private static final class DumpStatements implements AutoCloseable {
        private final Path file;
        private final ScriptReader reader;
        private final ArrayDeque<SqlStatement> ahead = new ArrayDeque<>();
        /** The statement read last, held until the next item shows it is not a COPY FROM stdin. */
        private SqlStatement pending;
        private boolean ended;

        DumpStatements(Path file) throws IOException {
            this.file = file;
            this.reader = new ScriptReader(new InputStreamReader(open(file), StandardCharsets.UTF_8));
        }

        /** Reads statements ahead until {@code enough} says so, the file ends, or about {@code maxChars} are held. */
        void readAhead(BooleanSupplier enough, int maxChars) throws IOException {
            int chars = 0;
            while (chars < maxChars && !enough.getAsBoolean()) {
                SqlStatement statement = read();
                if (statement == null) {
                    return;
                }
                ahead.add(statement);
                chars += statement.sql().length();
            }
        }

        /** The next statement, or null at the end of the file. */
        SqlStatement next() throws IOException {
            return ahead.isEmpty() ? read() : ahead.poll();
        }

        private SqlStatement read() throws IOException {
            while (!ended) {
                ScriptItem item = reader.next();
                if (item == null) {
                    ended = true;
                    SqlStatement last = pending;
                    pending = null;
                    return last;
                }
                // A statement is handed on only once the next item shows it is not a COPY FROM stdin,
                // whose data would have to follow it.
                if (item instanceof CopyData) {
                    pending = null;
                    continue;
                }
                SqlStatement previous = pending;
                pending = item instanceof SqlStatement statement ? statement : null;
                if (item instanceof MetaCommand meta) {
                    LOG.debug("{}:{}: skipping \\\\{}", file.getFileName(), meta.line(), meta.name());
                }
                if (previous != null) {
                    return previous;
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Statements gathered to run as one, in order with those that run alone. */
    private static final class Batch {
        private final Connection connection;
        private final Path file;
        private final List<SqlStatement> statements = new ArrayList<>();
        private int chars;

        Batch(Connection connection, Path file) {
            this.connection = connection;
            this.file = file;
        }

        void add(SqlStatement statement) {
            if (!BATCHABLE.matcher(statement.sql()).matches()) {
                run();
                execute(connection, statement, file);
                return;
            }
            statements.add(statement);
            chars += statement.sql().length();
            if (statements.size() >= BATCH_STATEMENTS || chars >= BATCH_CHARS) {
                run();
            }
        }

        /** Runs what is gathered: in one transaction, or statement by statement if that fails. */
        void run() {
            if (statements.size() > 1 && !runTogether()) {
                statements.forEach(statement -> execute(connection, statement, file));
            } else if (statements.size() == 1) {
                execute(connection, statements.get(0), file);
            }
            statements.clear();
            chars = 0;
        }

        private boolean runTogether() {
            StringBuilder sql = new StringBuilder(chars + 2 * statements.size());
            for (SqlStatement statement : statements) {
                // A statement may end in a -- comment, kept with its line break (see SqlStatement).
                sql.append(statement.sql()).append(";\n");
            }
            try {
                connection.setAutoCommit(false);
                try (Statement st = connection.createStatement()) {
                    st.execute(sql.toString());
                }
                connection.commit();
                return true;
            } catch (SQLException e) {
                LOG.debug("{}: a batch from line {} failed, running it statement by statement: {}",
                        file.getFileName(), statements.get(0).line(), e.getMessage());
                rollback();
                return false;
            } finally {
                autoCommit();
            }
        }

        private void rollback() {
            try {
                connection.rollback();
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.INTERNAL, "cannot use the throwaway database: " + e.getMessage(), e);
            }
        }

        private void autoCommit() {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new FerryException(ErrorCode.INTERNAL, "cannot use the throwaway database: " + e.getMessage(), e);
            }
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static void execute(Connection connection, SqlStatement statement, Path file) {
        for (int attempt = 0; ; attempt++) {
            try (Statement st = connection.createStatement()) {
                st.execute(statement.sql());
                return;
            } catch (SQLException e) {
                String role = missingRole(e);
                if (role == null || attempt >= MAX_ROLE_RETRIES) {
                    throw new FerryException(ErrorCode.INPUT, file.getFileName() + ":" + statement.line() + ": "
                            + firstLine(e.getMessage()), e);
                }
                createRole(connection, role);
            }
        }
    }

    private static String missingRole(SQLException e) {
        if (!UNDEFINED_OBJECT.equals(e.getSQLState()) || e.getMessage() == null) {
            return null;
        }
        Matcher m = MISSING_ROLE.matcher(e.getMessage());
        return m.find() ? m.group(1) : null;
    }

    private static void createRole(Connection connection, String role) {
        LOG.info("creating role {} that the dump names", role);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE ROLE " + Identifiers.quote(role) + " NOLOGIN");
        } catch (SQLException e) {
            // Another load may have created it meanwhile; the retried statement tells if it is still missing.
            LOG.debug("could not create role {}: {}", role, e.getMessage());
        }
    }

    /** The first line of a server message, without pgjdbc's "ERROR: " prefix. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.startsWith("ERROR: ") ? line.substring("ERROR: ".length()) : line;
    }
}
