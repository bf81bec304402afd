package io.ferry.pgdump;

import java.util.List;

/**
 * One entry of an archive's table of contents: an object's definition, or a table's data.
 *
 * @param dumpId       the entry's id, which dependencies refer to
 * @param hasData      whether a data block belongs to the entry
 * @param section      pre-data, data, post-data, or none (settings such as the encoding)
 * @param description  the object's kind as pg_dump names it ("TABLE", "TABLE DATA", "INDEX", ...)
 * @param definition   the SQL that creates the object (may be empty)
 * @param copyStatement for table data, the {@code COPY ... FROM stdin;} its rows go with
 * @param dataOffset   where the data block starts in a custom archive, -1 when not recorded
 * @param fileName     the data's file in a directory or tar archive, else null
 */
public record TocEntry(int dumpId, boolean hasData, Section section, String description, String namespace,
                       String tag, String owner, String definition, String dropStatement, String copyStatement,
                       String tableAccessMethod, List<Integer> dependencies, long dataOffset, String fileName) {
    public TocEntry {
        dependencies = List.copyOf(dependencies);
    }

    /** The sections of an archive, numbered as the archive stores them. */
    public enum Section {
        NONE, PRE_DATA, DATA, POST_DATA;

        static Section of(int stored) {
            return switch (stored) {
                case 1 -> NONE;
                case 2 -> PRE_DATA;
                case 3 -> DATA;
                case 4 -> POST_DATA;
                default -> throw new IllegalArgumentException("unknown section " + stored);
            };
        }

        public String display() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** How the entry is named in messages: "TABLE DATA public.package (dump id 3263)". */
    public String label() {
        return description + " " + (namespace == null || namespace.isEmpty() ? "" : namespace + ".") + tag
                + " (dump id " + dumpId + ")";
    }

    /** Whether the entry carries table rows to COPY. */
    public boolean isTableData() {
        return hasData && copyStatement != null && !copyStatement.isEmpty();
    }
}
