package io.ferry.migrate;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a module's starting version comes from on its first migrate (module.properties {@code baseline=}):
 * CKAN's sqlalchemy-migrate table, or an alembic version table. CKAN core's alembic table is
 * {@code alembic_version}; each CKAN plugin's alembic migrations keep their own,
 * {@code <plugin>_alembic_version} (CKAN's plugin env.py sets alembic's {@code version_table} so), with
 * the same single column {@code version_num}.
 *
 * @param kind  which bookkeeping it is
 * @param table the table to read (null for {@link Kind#NONE})
 */
public record Baseline(Kind kind, String table) {
    /** The kinds of bookkeeping Ferry reads. */
    public enum Kind {
        /** Nothing: the module starts at version 0. */
        NONE,
        /** CKAN 2.8 and older (sqlalchemy-migrate): the {@code migrate_version} table's version. */
        MIGRATE_VERSION,
        /** Alembic (CKAN 2.9 and later, and its plugins): a revision, matched to a migration's description. */
        ALEMBIC
    }

    /** Nothing: the module starts at version 0. */
    public static final Baseline NONE = new Baseline(Kind.NONE, null);
    /** CKAN 2.8 and older (sqlalchemy-migrate): the {@code migrate_version} table's version. */
    public static final Baseline MIGRATE_VERSION = new Baseline(Kind.MIGRATE_VERSION, "migrate_version");
    /** CKAN 2.9 and later: the revision in {@code alembic_version}, matched to a migration's description. */
    public static final Baseline ALEMBIC_VERSION = new Baseline(Kind.ALEMBIC, "alembic_version");

    /** {@code <plugin>_alembic_version}: a lower-case plugin name as CKAN names plugins. */
    private static final Pattern PLUGIN_ALEMBIC = Pattern.compile("[a-z][a-z0-9_]*_alembic_version");

    /** The baseline a {@code baseline=} item names, if it names one. */
    static Optional<Baseline> parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "none" -> Optional.of(NONE);
            case "migrate_version" -> Optional.of(MIGRATE_VERSION);
            case "alembic_version" -> Optional.of(ALEMBIC_VERSION);
            default -> PLUGIN_ALEMBIC.matcher(v).matches() ? Optional.of(new Baseline(Kind.ALEMBIC, v))
                    : Optional.empty();
        };
    }

    @Override
    public String toString() {
        return table == null ? "none" : table;
    }
}
