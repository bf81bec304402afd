package io.ferry.pgdump;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the table of contents that follows an archive's header. */
final class TocReader {
    private TocReader() {
    }

    static List<TocEntry> read(Path path, ArchiveInput in, int version, boolean custom) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new FerryException(ErrorCode.INPUT, path + ": the table of contents has " + count
                    + " entries (corrupt?)");
        }
        List<TocEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                entries.add(entry(path, in, version, custom));
            } catch (EOFException e) {
                String after = entries.isEmpty() ? "" : " after " + entries.get(entries.size() - 1).label();
                throw new FerryException(ErrorCode.INPUT, path + ": the archive ends unexpectedly (truncated?) in "
                        + "its table of contents, at entry " + (i + 1) + " of " + count + after, e);
            }
        }
        return entries;
    }

    private static TocEntry entry(Path path, ArchiveInput in, int version, boolean custom) throws IOException {
        int dumpId = in.readInt();
        boolean hasData = in.readInt() != 0;
        in.readString(); // the catalog oid of the object's kind
        in.readString(); // the object's oid
        String tag = in.readString();
        String description = in.readString();
        TocEntry.Section section;
        try {
            section = TocEntry.Section.of(in.readInt());
        } catch (IllegalArgumentException e) {
            throw new FerryException(ErrorCode.INPUT, path + ": dump id " + dumpId + " has an " + e.getMessage()
                    + " (corrupt?)", e);
        }
        String definition = in.readString();
        String drop = in.readString();
        String copy = in.readString();
        String namespace = in.readString();
        in.readString(); // the tablespace: Ferry loads into the target's default tablespace
        String tableAccessMethod = version >= PgDumpArchive.version(1, 14, 0) ? in.readString() : null;
        if (version >= PgDumpArchive.version(1, 16, 0)) {
            in.readInt(); // the relation's kind
        }
        String owner = in.readString();
        if ("true".equals(in.readString())) {
            throw new FerryException(ErrorCode.INPUT, path + ": " + description + " " + tag + " is WITH OIDS, which "
                    + "PostgreSQL 12 and later cannot create");
        }
        List<Integer> dependencies = new ArrayList<>();
        for (String dependency = in.readString(); dependency != null; dependency = in.readString()) {
            try {
                dependencies.add(Integer.parseInt(dependency));
            } catch (NumberFormatException e) {
                throw new FerryException(ErrorCode.INPUT, path + ": dump id " + dumpId + " depends on '"
                        + dependency + "', not a dump id (corrupt?)", e);
            }
        }
        long offset = -1;
        String fileName = null;
        if (custom) {
            offset = in.readOffset();
        } else {
            fileName = in.readString();
        }
        return new TocEntry(dumpId, hasData, section, description, namespace, tag, owner,
                definition == null ? "" : definition, drop, copy, tableAccessMethod, dependencies, offset, fileName);
    }
}
