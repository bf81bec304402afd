package io.ferry.migrate;

/** Where a module's starting version comes from on its first migrate (module.properties {@code baseline=}). */
public enum Baseline {
    /** Nothing: the module starts at version 0. */
    NONE,
    /** CKAN 2.8 and older (sqlalchemy-migrate): the {@code migrate_version} table's version. */
    MIGRATE_VERSION,
    /** CKAN 2.9 and later: the revision in {@code alembic_version}, matched to a migration's description. */
    ALEMBIC_VERSION
}
