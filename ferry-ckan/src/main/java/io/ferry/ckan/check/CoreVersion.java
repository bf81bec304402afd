package io.ferry.ckan.check;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Where CKAN's own bookkeeping says the catalog's core is: {@code migrate_version} (CKAN 2.8 and
 * older: the number of the last migration) or {@code alembic_version} (CKAN 2.9 and later: a revision,
 * mapped here to its migration's number).
 *
 * @param number the core migration number, or -1 when the revision is not one of CKAN's core revisions
 * @param source where it was read, as shown to the user
 */
public record CoreVersion(int number, String source) {
    /** CKAN's core alembic revisions after 086, in order: 087 first, 105 (CKAN 2.11) last. */
    private static final List<String> REVISIONS = List.of("ff1b303cab77", "3537d5420e0e", "23c92480926e",
            "980dcd44de4b", "0ffc0b277141", "01afcadbd8c0", "d4d9be9189fe", "588d7cfb9a41", "9fadda785b07",
            "19ddad52b500", "f789f233226e", "ddbd0a9a4489", "3ae4b17ed66d", "ccd38ad5fced", "d111f446733b",
            "ff13667243ed", "353aaf2701f0", "9f33a0280c51", "4a5e3465beb6");
    private static final int FIRST_ALEMBIC = 87;

    /** The version, or empty when the database has neither table (or they are empty). */
    static Optional<CoreVersion> read(Connection c, Shape shape) throws SQLException {
        // alembic first: CKAN 2.9 creates alembic_version before 090 drops migrate_version.
        if (shape.has("alembic_version")) {
            String revision = first(c, "SELECT version_num FROM alembic_version");
            if (revision != null) {
                int index = REVISIONS.indexOf(revision);
                return Optional.of(new CoreVersion(index < 0 ? -1 : FIRST_ALEMBIC + index,
                        "alembic_version " + revision));
            }
        }
        if (shape.has("migrate_version")) {
            String version = first(c, "SELECT version FROM migrate_version "
                    + "ORDER BY (lower(repository_id) = 'ckan') DESC, repository_id");
            if (version != null) {
                return Optional.of(new CoreVersion(Integer.parseInt(version.strip()), "migrate_version"));
            }
        }
        return Optional.empty();
    }

    private static String first(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    public String toString() {
        return (number < 0 ? "an unknown core revision" : String.format("core %03d", number)) + ", from " + source;
    }
}
