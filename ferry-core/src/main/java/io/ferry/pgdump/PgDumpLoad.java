package io.ferry.pgdump;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.Identifiers;
import io.ferry.transfer.PlainDumpLoad;
import io.ferry.transfer.TransferOptions;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Loads a pg_dump archive into an empty database the way a plain dump is loaded: the entries, in
 * dependency order, become one SQL script (definitions as pg_dump wrote them, each table's rows
 * after its {@code COPY} statement) that {@link PlainDumpLoad} runs in one transaction on one
 * connection. Like {@code pg_restore --no-owner --no-privileges --no-tablespaces}: ownership,
 * grants and tablespaces are the target's. Before the commit, the rows loaded per table are checked
 * against the rows read from the archive.
 */
public final class PgDumpLoad {
    /** Entries a load leaves out: the database itself and privileges. */
    private static final Set<String> LEFT_OUT = Set.of("DATABASE", "DATABASE PROPERTIES", "ACL", "DEFAULT ACL");
    private static final Set<String> LARGE_OBJECTS = Set.of("BLOB", "BLOBS", "BLOB METADATA", "LARGE OBJECT");
    /** Settings pg_restore makes before the first entry, so that definitions load as they were dumped. */
    static final String PREAMBLE = """
            SET check_function_bodies = false;
            SET xmloption = content;
            SET client_min_messages = warning;
            SET row_security = off;
            """;

    private PgDumpLoad() {
    }

    public static PlainDumpLoad.Result load(ConnectionSpec target, PgDumpArchive archive, TransferOptions options,
                                            Consumer<String> log) {
        requireLoadable(archive);
        Map<String, EntryData> read = new LinkedHashMap<>();
        LineCount lines = new LineCount();
        TreeMap<Long, TocEntry> entryAtLine = new TreeMap<>();
        List<Supplier<InputStream>> pieces = new ArrayList<>();
        pieces.add(() -> text(PREAMBLE));
        String accessMethod = null;
        for (TocEntry entry : RestoreOrder.of(archive.entries())) {
            if (leftOut(entry)) {
                continue;
            }
            if (entry.tableAccessMethod() != null && !entry.tableAccessMethod().isEmpty()
                    && !entry.tableAccessMethod().equals(accessMethod)) {
                accessMethod = entry.tableAccessMethod();
                String set = "SET default_table_access_method = " + Identifiers.quote(accessMethod) + ";\n";
                pieces.add(() -> text(set));
            }
            pieces.add(() -> {
                entryAtLine.put(lines.lines + 1, entry);
                return InputStream.nullInputStream();
            });
            if (!entry.definition().isEmpty()) {
                pieces.add(() -> text(entry.definition() + "\n"));
            }
            if (entry.isTableData()) {
                pieces.add(() -> text(entry.copyStatement().strip() + "\n"));
                if (options.excludesData(entry.namespace(), entry.tag())) {
                    pieces.add(() -> text("\\.\n")); // the load reports the table as structure only
                } else {
                    pieces.add(() -> {
                        EntryData data = archive.data(entry);
                        read.put(entry.namespace() + "." + entry.tag(), data);
                        return data;
                    });
                }
            }
        }
        var script = new BufferedReader(new InputStreamReader(lines.of(new SequenceInputStream(
                lazily(pieces.iterator()))), StandardCharsets.UTF_8), 1 << 16);
        String name = archive.path().getFileName().toString();
        try {
            return PlainDumpLoad.load(target, script, name, options, log, loaded -> verify(archive, read, loaded));
        } catch (FerryException e) {
            throw named(e, name, archive, entryAtLine);
        }
    }

    /** Refuses, before anything is touched, what Ferry does not load: large objects, another encoding than UTF-8. */
    static void requireLoadable(PgDumpArchive archive) {
        for (TocEntry entry : archive.entries()) {
            if (LARGE_OBJECTS.contains(entry.description())) {
                throw new FerryException(ErrorCode.INPUT, archive.path() + ": " + entry.label() + ": large objects "
                        + "are not loaded by this Ferry; restore this archive with pg_restore");
            }
        }
        for (TocEntry entry : archive.entries()) {
            // The script is read as UTF-8 and pgjdbc talks UTF-8 only: another encoding cannot pass through.
            if (entry.description().equals("ENCODING") && !entry.definition().contains("'UTF8'")) {
                throw new FerryException(ErrorCode.INPUT, archive.path() + ": the archive's data is not UTF-8 ("
                        + entry.definition().strip() + "); Ferry loads UTF-8 archives only: dump with pg_dump -E UTF8");
            }
        }
    }

    /**
     * An error of the script at a line ("NAME:LINE: message") names the archive and the entry that
     * line belongs to instead: the script is Ferry's, the entry is what the user can look up.
     */
    static FerryException named(FerryException e, String name, PgDumpArchive archive,
                                        TreeMap<Long, TocEntry> entryAtLine) {
        Matcher m = Pattern.compile(Pattern.quote(name) + ":(\\d+): (.*)", Pattern.DOTALL).matcher(e.getMessage());
        if (!m.matches()) {
            return e;
        }
        Map.Entry<Long, TocEntry> at = entryAtLine.floorEntry(Long.parseLong(m.group(1)));
        return at == null ? e : new FerryException(e.code(), archive.path() + ": " + at.getValue().label() + ": "
                + m.group(2), e);
    }

    /** Counts the lines of the script as it is read, to tell which entry a line belongs to. */
    private static final class LineCount {
        private long lines;

        InputStream of(InputStream in) {
            return new java.io.FilterInputStream(in) {
                @Override
                public int read() throws java.io.IOException {
                    int b = super.read();
                    if (b == '\n') {
                        lines++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    int n = super.read(b, off, len);
                    for (int i = off; i < off + n; i++) {
                        if (b[i] == '\n') {
                            lines++;
                        }
                    }
                    return n;
                }
            };
        }
    }

    /**
     * The database itself, its comment and labels (they name the source database, not the target),
     * and privileges.
     */
    static boolean leftOut(TocEntry entry) {
        return LEFT_OUT.contains(entry.description())
                || (Set.of("COMMENT", "SECURITY LABEL").contains(entry.description()) && entry.tag() != null
                && entry.tag().startsWith("DATABASE "));
    }

    /** Every row read from the archive is in its table: the count COPY reports equals the lines read. */
    private static void verify(PgDumpArchive archive, Map<String, EntryData> read, Map<String, Long> loaded) {
        for (Map.Entry<String, EntryData> e : read.entrySet()) {
            long rows = e.getValue().rows();
            long copied = loaded.getOrDefault(e.getKey(), -1L);
            if (rows != copied) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, archive.path() + ": "
                        + e.getValue().entry().label() + ": " + rows + " rows read from the archive but " + copied
                        + " loaded; nothing was loaded");
            }
        }
    }

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Enumeration<InputStream> lazily(Iterator<Supplier<InputStream>> pieces) {
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return pieces.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return pieces.next().get();
            }
        };
    }
}
