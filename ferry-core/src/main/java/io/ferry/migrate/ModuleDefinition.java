package io.ferry.migrate;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A module: a named stream of migrations with its own version, and its edges to other modules.
 *
 * @param requires hard edges: this module's migrations run only once each named module has reached the version
 * @param before   soft order: run before these modules when both are in the same run
 * @param after    soft order: run after these modules when both are in the same run
 * @param migrations sorted by version, no duplicates
 * @param plugin   the CKAN plugin whose tables the module changes ({@code plugin=} in module.properties):
 *                 a run for a site whose config does not enable it leaves the module out; null for none
 */
public record ModuleDefinition(String name, List<Requirement> requires, Set<String> before, Set<String> after,
                               Baseline baseline, List<Migration> migrations, String plugin) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    public ModuleDefinition {
        requires = List.copyOf(requires);
        before = Set.copyOf(before);
        after = Set.copyOf(after);
        migrations = List.copyOf(migrations);
    }

    public ModuleDefinition(String name, List<Requirement> requires, Set<String> before, Set<String> after,
                            Baseline baseline, List<Migration> migrations) {
        this(name, requires, before, after, baseline, migrations, null);
    }

    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The highest version this module can reach with its files. */
    public MigrationVersion latest() {
        return migrations.isEmpty() ? MigrationVersion.ZERO : migrations.get(migrations.size() - 1).version();
    }
}
