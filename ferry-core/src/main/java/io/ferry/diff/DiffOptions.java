package io.ferry.diff;

import java.util.List;
import java.util.Set;

/**
 * What a diff compares.
 *
 * @param privileges whether owners and privileges are compared (off by default, as
 *     {@code pg_dump -x -O} leaves them out)
 * @param schemas the schemas to compare; empty for all
 * @param renames tables and columns to rename rather than drop and add
 */
public record DiffOptions(boolean privileges, Set<String> schemas, List<Rename> renames) {
    public DiffOptions {
        schemas = Set.copyOf(schemas);
        renames = List.copyOf(renames);
    }

    /** Everything but owners and privileges, no renames. */
    public static DiffOptions defaults() {
        return new DiffOptions(false, Set.of(), List.of());
    }

    public DiffOptions withPrivileges(boolean compare) {
        return new DiffOptions(compare, schemas, renames);
    }

    public DiffOptions withSchemas(Set<String> only) {
        return new DiffOptions(privileges, only, renames);
    }

    public DiffOptions withRenames(List<Rename> list) {
        return new DiffOptions(privileges, schemas, list);
    }
}
