package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link JavaMigration} seen as a {@link Migration}: version and description come from the class name. */
final class JavaMigrationAdapter implements Migration {
    private static final Pattern CLASS_NAME = Pattern.compile("V(\\d+)_(.+)");

    private final JavaMigration migration;
    private final MigrationVersion version;
    private final String description;

    JavaMigrationAdapter(JavaMigration migration) {
        this.migration = migration;
        String simpleName = migration.getClass().getSimpleName();
        Matcher m = CLASS_NAME.matcher(simpleName);
        if (!m.matches()) {
            throw new FerryException(ErrorCode.CONFIGURATION, "Java migration " + migration.getClass().getName()
                    + " must be named V<number>_<description>, e.g. V87_convert_harvest_sources");
        }
        if (!ModuleDefinition.isValidName(migration.module())) {
            throw new FerryException(ErrorCode.CONFIGURATION, "Java migration " + migration.getClass().getName()
                    + " names an invalid module '" + migration.module() + "'");
        }
        this.version = MigrationVersion.parse(m.group(1));
        this.description = m.group(2).replace('_', ' ');
    }

    @Override
    public String module() {
        return migration.module();
    }

    @Override
    public MigrationVersion version() {
        return version;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String script() {
        return migration.getClass().getName();
    }

    @Override
    public String type() {
        return "JAVA";
    }

    @Override
    public String checksum() {
        return migration.checksum();
    }

    @Override
    public boolean transactional() {
        return migration.transactional();
    }

    @Override
    public void execute(MigrationContext context) throws SQLException {
        try {
            migration.migrate(context);
        } catch (SQLException | FerryException e) {
            throw e;
        } catch (Exception e) {
            throw new FerryException(ErrorCode.MIGRATION_FAILED, script() + ": " + e, e);
        }
    }

    @Override
    public String preview() {
        return "-- Java migration " + script() + " (not shown)\n";
    }
}
