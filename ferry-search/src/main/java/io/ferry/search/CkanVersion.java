package io.ferry.search;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The CKAN release whose search index Ferry builds for a database, read from CKAN's own bookkeeping:
 * {@code alembic_version} holds the revision of CKAN core's last migration from CKAN 2.9 on. A
 * database without it (sqlalchemy-migrate's {@code migrate_version}), or at a revision before 087
 * whose live tables still carry {@code revision_id}, is a CKAN 2.8 one, provided its resources
 * name their dataset (migration 074).
 */
enum CkanVersion {
    V2_8("2.8"), V2_9("2.9"), V2_10("2.10"), V2_11("2.11");

    /** CKAN core's alembic revisions after 2.8 (its migrations 087-105), by the release that brought them. */
    private static final Map<CkanVersion, List<String>> REVISIONS = Map.of(
            V2_9, List.of("ff1b303cab77", "3537d5420e0e", "23c92480926e", "980dcd44de4b", "0ffc0b277141",
                    "01afcadbd8c0", "d4d9be9189fe", "588d7cfb9a41", "9fadda785b07", "19ddad52b500",
                    "f789f233226e", "ddbd0a9a4489", "3ae4b17ed66d", "ccd38ad5fced"),
            V2_10, List.of("d111f446733b", "ff13667243ed", "353aaf2701f0", "9f33a0280c51"),
            V2_11, List.of("4a5e3465beb6"));

    private final String label;

    CkanVersion(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean atLeast(CkanVersion other) {
        return compareTo(other) >= 0;
    }

    /** The release of an alembic revision of CKAN core, or null when it is not one of 087-105. */
    static CkanVersion ofRevision(String revision) {
        for (Map.Entry<CkanVersion, List<String>> e : REVISIONS.entrySet()) {
            if (e.getValue().contains(revision)) {
                return e.getKey();
            }
        }
        return null;
    }

    /**
     * Reads the release from the database.
     *
     * @throws FerryException VALIDATION_FAILED when it is not a CKAN database, is older than 2.8's
     *                        schema, or names an alembic revision Ferry does not know (a later CKAN)
     */
    static CkanVersion detect(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT to_regclass('package') IS NOT NULL, EXISTS (SELECT 1 FROM information_schema.columns "
                        + "WHERE table_schema = current_schema() AND table_name = 'resource' "
                        + "AND column_name = 'package_id'), to_regclass('alembic_version') IS NOT NULL, "
                        + "EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                        + "AND table_name = 'package' AND column_name = 'revision_id')")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "the database has no CKAN package table");
            }
            if (!rs.getBoolean(2)) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "the database is not at CKAN 2.8's schema "
                        + "or later (resource has no package_id): run the CKAN migrations first (ferry migrate "
                        + "--migrations builtin:ckan)");
            }
            if (!rs.getBoolean(3)) {
                return V2_8;
            }
            boolean revisioned = rs.getBoolean(4);
            String revision = revision(c);
            CkanVersion version = revision == null ? null : ofRevision(revision);
            if (version != null) {
                return version;
            }
            if (revisioned) {
                // CKAN 2.9's alembic ports of 001-086 (or no row yet): the live tables still carry
                // revision_id, which 093 removes, so this is 2.8's schema.
                return V2_8;
            }
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "the database's CKAN revision " + revision
                    + " (alembic_version) is not one Ferry indexes: CKAN 2.8 to 2.11");
        }
    }

    private static String revision(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT version_num FROM alembic_version")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
