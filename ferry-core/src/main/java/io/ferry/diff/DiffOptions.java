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
 * @param phased whether the diff is written for a migration that moves data in the middle
 *     ({@code ferry new}): new columns are added nullable, and NOT NULL, new constraints, indexes,
 *     triggers and policies come in a stage of their own ({@link Change.Stage#CONSTRAIN}) after every
 *     other create and alter
 */
public record DiffOptions(boolean privileges, Set<String> schemas, List<Rename> renames, boolean phased) {
    public DiffOptions {
        schemas = Set.copyOf(schemas);
        renames = List.copyOf(renames);
    }

    /** Everything but owners and privileges, no renames. */
    public static DiffOptions defaults() {
        return new DiffOptions(false, Set.of(), List.of(), false);
    }

    public DiffOptions withPrivileges(boolean compare) {
        return new DiffOptions(compare, schemas, renames, phased);
    }

    public DiffOptions withSchemas(Set<String> only) {
        return new DiffOptions(privileges, only, renames, phased);
    }

    public DiffOptions withRenames(List<Rename> list) {
        return new DiffOptions(privileges, schemas, list, phased);
    }

    public DiffOptions withPhases(boolean on) {
        return new DiffOptions(privileges, schemas, renames, on);
    }
}
