package io.ferry.cli;

import io.ferry.Json;
import io.ferry.pgdump.PgDumpArchive;
import io.ferry.pgdump.TocEntry;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ferry load --list}: a pg_dump archive's header and table of contents, as pg_restore -l shows them. */
final class PgDumpListing {
    private PgDumpListing() {
    }

    static void print(PgDumpArchive archive, boolean json, PrintStream out) {
        PgDumpArchive.Header h = archive.header();
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("file", archive.path().toString());
            root.put("format", h.format().name().toLowerCase(java.util.Locale.ROOT));
            root.put("archiveVersion", h.version());
            root.put("compression", h.compression().display());
            root.put("database", h.database());
            root.put("serverVersion", h.serverVersion());
            root.put("pgDumpVersion", h.pgDumpVersion());
            List<Map<String, Object>> entries = new ArrayList<>();
            for (TocEntry e : archive.entries()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dumpId", e.dumpId());
                m.put("section", e.section().display());
                m.put("type", e.description());
                m.put("schema", e.namespace());
                m.put("name", e.tag());
                m.put("owner", e.owner());
                m.put("hasData", e.hasData());
                m.put("dependencies", e.dependencies());
                entries.add(m);
            }
            root.put("entries", entries);
            try {
                out.println(Json.pretty().writeValueAsString(root));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        out.println(archive.path() + ": pg_dump " + h.format().display() + " archive, version " + h.version()
                + ", compression " + h.compression().display() + ", of database " + h.database()
                + " (PostgreSQL " + h.serverVersion() + ", pg_dump " + h.pgDumpVersion() + "), "
                + archive.entries().size() + " entries");
        Table table = new Table("ID", "SECTION", "TYPE", "SCHEMA", "NAME", "OWNER");
        for (TocEntry e : archive.entries()) {
            table.row(e.dumpId(), e.section().display(), e.description(), e.namespace() == null ? "-" : e.namespace(),
                    e.tag(), e.owner() == null ? "-" : e.owner());
        }
        table.print(out);
    }
}
