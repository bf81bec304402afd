package io.ferry.pgdump;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.embedded.EmbeddedServer;
import io.ferry.schema.model.Schema;
import io.ferry.schema.read.SchemaLoader;
import io.ferry.schema.read.ServerRendering;
import io.ferry.sql.Identifiers;
import io.ferry.transfer.DefaultPrivileges;
import io.ferry.transfer.ForeignArchiveLoad;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a pg_dump archive as {@code ferry transfer} moves a database ({@link ForeignArchiveLoad}):
 * the archive's definitions, in dependency order and without data, are loaded into a throwaway
 * database on an embedded server, whose catalog is the archive's schema; that schema is created on
 * the target, the tables' rows are loaded from the archive in parallel (largest first), keys,
 * indexes and foreign keys are built as a transfer builds them, sequences are set to the archive's
 * positions, and the target's schema is compared with the archive's. Resumable.
 */
public final class PgDumpLoad {
    /** Entries whose definitions are not part of the schema: rows, sequence positions, view contents. */
    private static final Set<String> DATA = Set.of("TABLE DATA", "SEQUENCE SET", "MATERIALIZED VIEW DATA");
    /** Entries that grant: pg_restore runs them once every object exists, after the owners are set. */
    private static final Set<String> ACL = Set.of("ACL", "DEFAULT ACL", "ACL LANGUAGE");
    private static final Set<String> LARGE_OBJECTS = Set.of("BLOB", "BLOBS", "BLOB METADATA", "LARGE OBJECT");
    /** Settings pg_restore makes before the first entry, so that definitions load as they were dumped. */
    private static final String PREAMBLE = """
            SET check_function_bodies = false;
            SET xmloption = content;
            SET client_min_messages = warning;
            SET row_security = off;
            """;

    private PgDumpLoad() {
    }

    /**
     * The archive's schema, as a server made it of the definitions, that server's major version, and
     * the archive's default privileges (none unless the model was made with its roles).
     */
    public record Model(Schema schema, int major, DefaultPrivileges defaults) {
    }

    /**
     * A throwaway server to read the archive's schema on ({@link EmbeddedServer#scratch}: in memory
     * when there is room, copied from the warm cluster template in {@code templates}), sized as a
     * schema dump of the archive's definitions would be.
     */
    public static EmbeddedServer modelServer(PgDumpArchive archive, Path templates) {
        long definitions = archive.entries().stream().filter(e -> !DATA.contains(e.description()))
                .mapToLong(e -> e.definition().length()).sum();
        return EmbeddedServer.scratch(templates, (64L << 20) + 100 * definitions);
    }

    /** @param modelServer where the throwaway database that reads the archive's schema goes */
    public static Transfer.Report load(ConnectionSpec target, PgDumpArchive archive, TransferOptions options,
                                       Transfer.Listener listener, EmbeddedServer modelServer) {
        return load(target, archive, model(archive, modelServer, Owners.of(options, target), listener), options,
                listener);
    }

    /**
     * Who owns the model's objects. pg_dump writes grants relative to each object's owner (what the
     * owner holds goes without saying; what it gave up is revoked from it by name), so the owners must
     * be in place before the grants run for the model's access lists to be what the target gets:
     * with {@code --keep-owners}, the archive's owners (as pg_restore without {@code -O}); with
     * {@code --keep-grants} alone, the target's user, who owns everything there (as pg_restore
     * {@code -O} without {@code -x}); otherwise none are set (the model server's user owns everything).
     *
     * @param set        whether owners are set at all (and the default privileges read)
     * @param everything the one role that owns every object, or null for each entry's own owner
     */
    public record Owners(boolean set, String everything) {
        public static final Owners NONE = new Owners(false, null);

        public static Owners of(TransferOptions options, ConnectionSpec target) {
            if (options.keepOwners()) {
                return new Owners(true, null);
            }
            return options.keepGrants() ? new Owners(true, target.user()) : NONE;
        }
    }

    /**
     * Reads the archive's schema on {@code server} (which the caller may stop as soon as this returns);
     * refuses first what Ferry does not load. With {@code owners} set, every object gets its owner
     * after its definition, as pg_restore gives it, and the default privileges are read too.
     */
    public static Model model(PgDumpArchive archive, EmbeddedServer server, Owners owners,
                              Transfer.Listener listener) {
        requireLoadable(archive);
        listener.phase("reading the schema of " + archive.path().getFileName());
        SchemaLoader.Loaded<DefaultPrivileges> loaded = model(archive, server, owners);
        try (Connection c = server.connection("postgres").open()) {
            return new Model(loaded.schema(), ServerRendering.major(c), loaded.extra());
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot reach the embedded server: " + e.getMessage(), e);
        }
    }

    /** Loads the archive into {@code target} around its {@link #model}. */
    public static Transfer.Report load(ConnectionSpec target, PgDumpArchive archive, Model model,
                                       TransferOptions options, Transfer.Listener listener) {
        boolean parallel = archive.dataSeekable();
        if (!parallel && options.jobs() > 1) {
            listener.note(archive.path() + " records no data offsets (pg_dump wrote it to a pipe): its tables load "
                    + "one at a time");
        }
        List<ForeignArchiveLoad.TableRows> tables = new ArrayList<>();
        List<String> sequences = new ArrayList<>();
        for (TocEntry entry : archive.entries()) {
            if (entry.isTableData()) {
                tables.add(new ForeignArchiveLoad.TableRows(entry.namespace(), entry.tag(),
                        columns(entry.copyStatement()), archive.dataSize(entry), () -> archive.data(entry)));
            } else if (entry.description().equals("SEQUENCE SET") && !entry.definition().isBlank()) {
                sequences.add(entry.definition().strip());
            }
        }
        return ForeignArchiveLoad.run(target, new ForeignArchiveLoad.Source(archive.path().toString(), model.schema(),
                model.major(), tables, sequences, parallel, model.defaults()), options, listener);
    }

    /**
     * The archive's schema: its definitions (privileges too, so that {@code --keep-grants} can keep
     * them), run in dependency order into a throwaway database, the grants last as pg_restore runs
     * them; with {@code owners} set, each object's owner set after its definition, and the default
     * privileges read. An error names the archive and the entry whose definition failed.
     */
    static SchemaLoader.Loaded<DefaultPrivileges> model(PgDumpArchive archive, EmbeddedServer server, Owners owners) {
        Path folder = null;
        Path file = null;
        String name = archive.path().getFileName() + ".sql";
        TreeMap<Long, TocEntry> entryAtLine = new TreeMap<>();
        List<TocEntry> grants = new ArrayList<>();
        try {
            folder = Files.createTempDirectory("ferry-pgdump");
            file = folder.resolve(name);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                long line = 1;
                line += write(out, PREAMBLE);
                String accessMethod = null;
                for (TocEntry entry : RestoreOrder.of(archive.entries())) {
                    if (DATA.contains(entry.description()) || entry.definition().isEmpty() || databaseItself(entry)) {
                        continue;
                    }
                    if (ACL.contains(entry.description())) {
                        grants.add(entry);
                        continue;
                    }
                    if (entry.tableAccessMethod() != null && !entry.tableAccessMethod().isEmpty()
                            && !entry.tableAccessMethod().equals(accessMethod)) {
                        accessMethod = entry.tableAccessMethod();
                        line += write(out, "SET default_table_access_method = " + Identifiers.quote(accessMethod) + ";\n");
                    }
                    entryAtLine.put(line, entry);
                    line += write(out, entry.definition() + "\n");
                    String owner = owners.set() ? EntryOwner.alterOwner(entry, owners.everything()) : null;
                    if (owner != null) {
                        line += write(out, owner + "\n");
                    }
                }
                for (TocEntry entry : grants) {
                    entryAtLine.put(line, entry);
                    line += write(out, entry.definition() + "\n");
                }
            }
            List<String> defaults = grants.stream().filter(e -> e.description().equals("DEFAULT ACL"))
                    .map(e -> e.definition().strip()).toList();
            return SchemaLoader.fromDump(file, server, c -> owners.set() ? DefaultPrivileges.of(defaults, c)
                    : DefaultPrivileges.NONE);
        } catch (FerryException e) {
            throw named(e, name, archive, entryAtLine);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot write the archive's definitions to a temporary file: "
                    + e.getMessage(), e);
        } finally {
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
                if (folder != null) {
                    Files.deleteIfExists(folder);
                }
            } catch (IOException e) {
                // A leftover temporary file is not worth failing the load for.
            }
        }
    }

    /** Writes {@code text}; returns the lines it holds. */
    private static long write(Writer out, String text) throws IOException {
        out.write(text);
        return text.chars().filter(c -> c == '\n').count();
    }

    /** The database itself, its properties, comment and labels: they name the source database, not the target. */
    private static boolean databaseItself(TocEntry entry) {
        return Set.of("DATABASE", "DATABASE PROPERTIES").contains(entry.description())
                || (Set.of("COMMENT", "SECURITY LABEL").contains(entry.description()) && entry.tag() != null
                && entry.tag().startsWith("DATABASE "));
    }

    /** Refuses, before anything is touched, what Ferry does not load: large objects, another encoding than UTF-8. */
    private static void requireLoadable(PgDumpArchive archive) {
        for (TocEntry entry : archive.entries()) {
            if (LARGE_OBJECTS.contains(entry.description())) {
                throw new FerryException(ErrorCode.INPUT, archive.path() + ": " + entry.label() + ": large objects "
                        + "are not loaded by this Ferry; restore this archive with pg_restore");
            }
        }
        for (TocEntry entry : archive.entries()) {
            // pgjdbc talks UTF-8 only: rows in another encoding cannot pass through COPY's text.
            if (entry.description().equals("ENCODING") && !entry.definition().contains("'UTF8'")) {
                throw new FerryException(ErrorCode.INPUT, archive.path() + ": the archive's data is not UTF-8 ("
                        + entry.definition().strip() + "); Ferry loads UTF-8 archives only: dump with pg_dump -E UTF8");
            }
        }
    }

    /**
     * An error of the definitions' script at a line ("NAME:LINE: message") names the archive and the
     * entry that line belongs to instead: the script is Ferry's, the entry is what the user can look up.
     */
    private static FerryException named(FerryException e, String name, PgDumpArchive archive,
                                        TreeMap<Long, TocEntry> entryAtLine) {
        Matcher m = Pattern.compile(Pattern.quote(name) + ":(\\d+): (.*)", Pattern.DOTALL).matcher(e.getMessage());
        if (!m.matches()) {
            return e;
        }
        Map.Entry<Long, TocEntry> at = entryAtLine.floorEntry(Long.parseLong(m.group(1)));
        return at == null ? e : new FerryException(e.code(), archive.path() + ": " + at.getValue().label() + ": "
                + m.group(2), e);
    }

    /**
     * The columns of a {@code COPY schema.table (a, "B") FROM stdin;} as pg_dump writes them (quoted
     * where needed); none for a table without columns.
     */
    static List<String> columns(String copyStatement) {
        String s = copyStatement.strip();
        int at = "COPY ".length();
        at = skipName(s, at);
        if (at < s.length() && s.charAt(at) == '.') {
            at = skipName(s, at + 1);
        }
        while (at < s.length() && s.charAt(at) == ' ') {
            at++;
        }
        List<String> columns = new ArrayList<>();
        if (at >= s.length() || s.charAt(at) != '(') {
            return columns;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = at + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted; // a doubled quote inside a name flips twice
            } else if (!quoted && (c == ',' || c == ')')) {
                columns.add(current.toString().strip());
                current.setLength(0);
                if (c == ')') {
                    return columns;
                }
                continue;
            }
            current.append(c);
        }
        throw new FerryException(ErrorCode.INPUT, "unreadable COPY statement in the archive: " + s);
    }

    /** The position after the identifier starting at {@code at}, quoted or not. */
    private static int skipName(String s, int at) {
        if (at < s.length() && s.charAt(at) == '"') {
            int i = at + 1;
            while (i < s.length()) {
                if (s.charAt(i) == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i++;
            }
            return i;
        }
        int i = at;
        while (i < s.length() && s.charAt(i) != '.' && s.charAt(i) != ' ') {
            i++;
        }
        return i;
    }
}
