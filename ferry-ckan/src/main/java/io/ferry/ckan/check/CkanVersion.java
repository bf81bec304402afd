package io.ferry.ckan.check;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A CKAN release a catalog can be checked for, with the last core migration it brings. */
public enum CkanVersion {
    V2_8("2.8", 86),
    V2_9("2.9", 100),
    V2_10("2.10", 104),
    V2_11("2.11", 105);

    private final String label;
    private final int core;

    CkanVersion(String label, int core) {
        this.label = label;
        this.core = core;
    }

    /** As users write it: {@code 2.10}. */
    public String label() {
        return label;
    }

    /** The number of CKAN's last core migration in this release (086 for 2.8, 105 for 2.11). */
    public int core() {
        return core;
    }

    public boolean atLeast(CkanVersion other) {
        return compareTo(other) >= 0;
    }

    /** {@code 2.8}, {@code 2.9}, {@code 2.10} or {@code 2.11}; anything else is a USAGE error naming them. */
    public static CkanVersion parse(String text) {
        String wanted = text == null ? "" : text.strip();
        for (CkanVersion v : values()) {
            if (v.label.equals(wanted)) {
                return v;
            }
        }
        throw new FerryException(ErrorCode.USAGE, "unknown CKAN version '" + wanted + "': Ferry checks for "
                + Arrays.stream(values()).map(CkanVersion::label).collect(Collectors.joining(", ")));
    }

    /**
     * The release a CKAN database runs, read from CKAN's own bookkeeping: {@code alembic_version}
     * holds the revision of core's last migration from CKAN 2.9 on. A database without it
     * ({@code migrate_version}), or at one of CKAN 2.9's alembic ports of 001-086 whose live tables
     * still carry {@code revision_id}, is a CKAN 2.8 one, provided its resources name their dataset
     * (migration 074).
     *
     * @throws FerryException VALIDATION_FAILED when it is not a CKAN database, is older than 2.8's
     *                        schema, or names an alembic revision Ferry does not know (a later CKAN)
     */
    public static CkanVersion of(Connection c) throws SQLException {
        Shape shape = Shape.read(c);
        if (!shape.has("package")) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "the database has no CKAN package table");
        }
        if (!shape.has("resource", "package_id")) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "the database is not at CKAN 2.8's schema "
                    + "or later (resource has no package_id): run the CKAN migrations first (ferry migrate "
                    + "--migrations builtin:ckan)");
        }
        CoreVersion core = CoreVersion.read(c, shape).orElse(null);
        if (core == null || core.number() < 0 && shape.has("package", "revision_id")) {
            return V2_8;
        }
        for (CkanVersion v : values()) {
            if (core.number() >= 0 && core.number() <= v.core) {
                return v;
            }
        }
        throw new FerryException(ErrorCode.VALIDATION_FAILED, "the database's CKAN core (" + core + ") is not one "
                + "Ferry knows: CKAN 2.8 to " + values()[values().length - 1].label);
    }

    @Override
    public String toString() {
        return "CKAN " + label;
    }
}
