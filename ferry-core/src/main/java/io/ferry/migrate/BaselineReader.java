package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the version a CKAN database is at from CKAN's own bookkeeping, so the module's first
 * migrate starts where CKAN left off instead of at 0.
 */
final class BaselineReader {
    /** What was found, and where: the history's description and script columns for the baseline row. */
    record Found(MigrationVersion version, String source) {
    }

    private BaselineReader() {
    }

    static Optional<Found> read(Connection c, Baseline baseline, ModuleDefinition module) throws SQLException {
        return switch (baseline.kind()) {
            case NONE -> Optional.empty();
            case MIGRATE_VERSION -> migrateVersion(c, module.name());
            case ALEMBIC -> alembicVersion(c, baseline.table(), module);
        };
    }

    /** The first of {@code sources} that the database has, in their order. */
    static Optional<Found> readFirst(Connection c, List<Baseline> sources, ModuleDefinition module)
            throws SQLException {
        for (Baseline source : sources) {
            Optional<Found> found = read(c, source, module);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** sqlalchemy-migrate's table: one row per repository; CKAN core's repository is 'Ckan'. */
    private static Optional<Found> migrateVersion(Connection c, String module) throws SQLException {
        if (!tableExists(c, "migrate_version")) {
            return Optional.empty();
        }
        List<String[]> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT repository_id, version FROM migrate_version ORDER BY 1")) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String[] chosen = rows.size() == 1 ? rows.get(0) : rows.stream()
                .filter(r -> r[0].toLowerCase(Locale.ROOT).equals(module.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new FerryException(ErrorCode.CONFIGURATION, "migrate_version has several "
                        + "repositories and none is named " + module + "; give baseline --version explicitly"));
        return Optional.of(new Found(MigrationVersion.parse(chosen[1]),
                "migrate_version (" + chosen[0] + ")"));
    }

    /**
     * Alembic stores a revision id, not a number. CKAN's alembic files are numbered
     * ({@code 100_ccd38ad5fced_words}), so the revision is found in a migration's description; a
     * purely numeric revision is taken as the version itself. {@code table} is CKAN core's
     * {@code alembic_version} or a plugin's {@code <plugin>_alembic_version}.
     */
    private static Optional<Found> alembicVersion(Connection c, String table, ModuleDefinition module)
            throws SQLException {
        if (!tableExists(c, table)) {
            return Optional.empty();
        }
        String revision;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version_num FROM \"" + table + "\"")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            revision = rs.getString(1);
            if (rs.next()) {
                throw new FerryException(ErrorCode.CONFIGURATION, table + " has several heads; "
                        + "give baseline --version explicitly");
            }
        }
        if (revision.chars().allMatch(Character::isDigit)) {
            return Optional.of(new Found(MigrationVersion.parse(revision), table + " " + revision));
        }
        String prefix = revision.toLowerCase(Locale.ROOT);
        return Optional.of(module.migrations().stream()
                .filter(m -> m.description().toLowerCase(Locale.ROOT).startsWith(prefix))
                .findFirst()
                .map(m -> new Found(m.version(), table + " " + revision))
                .orElseThrow(() -> new FerryException(ErrorCode.CONFIGURATION, table + " is at revision "
                        + revision + ", which no migration of module " + module.name()
                        + " names (expected a file NNN_" + revision + "_words.sql)")));
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('\"" + table + "\"') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * The module's version from its own baseline sources, else from CKAN's migrate_version or
     * alembic_version, for {@code baseline} without {@code --version}.
     */
    static Found find(Connection c, String moduleName, ModuleDefinition module)
            throws SQLException {
        ModuleDefinition def = module != null ? module
                : new ModuleDefinition(moduleName, List.of(), Set.of(), Set.of(), List.of(), List.of());
        List<Baseline> sources = !def.baselines().isEmpty() ? def.baselines()
                : List.of(Baseline.MIGRATE_VERSION, Baseline.ALEMBIC_VERSION);
        Optional<Found> found = readFirst(c, sources, def);
        if (found.isPresent()) {
            return found.get();
        }
        throw new FerryException(ErrorCode.USAGE, "no --version given, and the database has no "
                + sources.stream().map(Baseline::toString).collect(Collectors.joining(" or "))
                + " to read module " + moduleName + "'s version from");
    }
}
