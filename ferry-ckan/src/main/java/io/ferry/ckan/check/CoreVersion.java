package io.ferry.ckan.check;

import io.ferry.migrate.Migration;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationSources;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where CKAN's own bookkeeping says the catalog's core is: {@code migrate_version} (CKAN 2.8 and
 * older: the number of the last migration) or {@code alembic_version} (CKAN 2.9 and later: a revision,
 * mapped here to its migration's number).
 *
 * @param number the core migration number, or -1 when the revision is not one of CKAN's core revisions
 * @param source where it was read, as shown to the user
 */
public record CoreVersion(int number, String source) {
    /** A core step's description that starts with its alembic revision ({@code 087_ff1b303cab77_words.sql}). */
    private static final Pattern REVISION = Pattern.compile("([0-9a-f]{12}) .*");

    /**
     * CKAN's core alembic revisions with their step numbers, read from the bundled core module's file
     * names, the same files that write them: one list, which grows with the next CKAN release's steps.
     */
    private static Map<String, Integer> revisions() {
        ClassLoader loader = CoreVersion.class.getClassLoader();
        MigrationSet ckan = MigrationSet.load(MigrationSources.resolve("builtin:ckan", loader), loader);
        Map<String, Integer> byRevision = new HashMap<>();
        for (Migration m : ckan.module("core").migrations()) {
            Matcher revision = REVISION.matcher(m.description());
            if (revision.matches()) {
                byRevision.put(revision.group(1), Integer.parseInt(m.version().toString()));
            }
        }
        return byRevision;
    }

    /** The version, or empty when the database has neither table (or they are empty). */
    static Optional<CoreVersion> read(Connection c, Shape shape) throws SQLException {
        // alembic first: CKAN 2.9 creates alembic_version before 090 drops migrate_version.
        if (shape.has("alembic_version")) {
            String revision = first(c, "SELECT version_num FROM alembic_version");
            if (revision != null) {
                return Optional.of(new CoreVersion(revisions().getOrDefault(revision, -1),
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
