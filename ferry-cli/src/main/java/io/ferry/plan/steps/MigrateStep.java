package io.ferry.plan.steps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.Json;
import io.ferry.migrate.MigrateOptions;
import io.ferry.migrate.Migration;
import io.ferry.migrate.MigrationListener;
import io.ferry.migrate.MigrationSet;
import io.ferry.migrate.MigrationSources;
import io.ferry.migrate.MigrationVersion;
import io.ferry.migrate.Migrator;
import io.ferry.plan.PlanContext;
import io.ferry.plan.Progress;
import io.ferry.plan.RunContext;
import io.ferry.plan.Step;
import io.ferry.plan.StepKind;
import io.ferry.plan.StepResult;
import io.ferry.plan.StepSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code kind: migrate}: applies every pending migration of {@code migrations} (a folder relative to
 * the plan file, or {@code builtin:NAME}) on {@code db} (default: the target); the engine orders the
 * modules itself (for {@code builtin:ckan}: dgu, core, then harvest when present). Run again after a
 * crash, it applies what is still pending. Options: {@code db}, {@code migrations}, {@code lock_wait},
 * {@code exclude_modules} (modules left out, e.g. {@code [dgu]} for a site that is not data.gov.uk).
 *
 * <p>When {@code db} is a {@code ckan_ini:} connection, a module that belongs to a CKAN plugin
 * ({@code plugin=} in its module.properties: harvest, activity, tracking, ...) runs only if the site's
 * {@code ckan.plugins} enables that plugin; the step says which modules it left out and why.
 */
public final class MigrateStep implements Step {
    private final String db;
    private final String migrations;
    private final MigrationSet set;
    private final int lockWaitSeconds;
    /** Module name → why it is left out. */
    private final Map<String, String> skipped;

    private MigrateStep(String db, String migrations, MigrationSet set, int lockWaitSeconds,
                        Map<String, String> skipped) {
        this.db = db;
        this.migrations = migrations;
        this.set = set;
        this.lockWaitSeconds = lockWaitSeconds;
        this.skipped = Map.copyOf(skipped);
    }

    public static final class Kind implements StepKind {
        @Override
        public String name() {
            return "migrate";
        }

        @Override
        public Step prepare(StepSpec spec, PlanContext plan) {
            String source = spec.options().requiredString("migrations");
            String location = source.startsWith(MigrationSources.BUILTIN) ? source : plan.file(source).toString();
            ClassLoader loader = MigrateStep.class.getClassLoader();
            // Loaded now, so a missing folder or a malformed migration stops the plan before it starts.
            MigrationSet set = MigrationSet.load(MigrationSources.resolve(location, loader), loader);
            int lockWait = spec.options().integer("lock_wait", (int) MigrateOptions.DEFAULT_LOCK_WAIT.toSeconds());
            String db = plan.connection(spec.options(), "db", "target");
            Map<String, String> skipped = new TreeMap<>();
            for (String module : spec.options().strings("exclude_modules")) {
                if (!set.modules().containsKey(module)) {
                    throw spec.options().error("names module " + module + " in exclude_modules, which " + source
                            + " does not have (modules: " + String.join(", ", set.modules().keySet()) + ")");
                }
                skipped.put(module, "the plan excludes it (exclude_modules)");
            }
            plan.site(db).ifPresent(site -> set.modules().values().stream()
                    .filter(m -> m.plugin() != null && !site.enables(m.plugin()))
                    .forEach(m -> skipped.putIfAbsent(m.name(), "plugin " + m.plugin() + " is not in ckan.plugins of "
                            + site.file())));
            return new MigrateStep(db, source, set.without(skipped.keySet()), lockWait, skipped);
        }
    }

    @Override
    public String describe() {
        return "apply the pending migrations of " + migrations + " on " + db + " (modules in dependency order)"
                + skippedText();
    }

    private String skippedText() {
        return skipped.entrySet().stream().map(e -> "; module " + e.getKey() + " left out: " + e.getValue())
                .collect(Collectors.joining());
    }

    @Override
    public StepResult run(RunContext context, boolean resuming) {
        ObjectNode details = Json.compact().createObjectNode();
        ArrayNode applied = details.putArray("applied");
        Migrator probe = new Migrator(context.connection(db), set, MigrationListener.NONE);
        long pending = probe.status().stream().mapToLong(s -> s.pending().size()).sum();
        Migrator.Result result;
        try (Progress.Task task = context.progress().task("migrate", pending, "migrations")) {
            Migrator migrator = new Migrator(context.connection(db), set, new MigrationListener() {
                @Override
                public void baselined(String module, MigrationVersion version, String source) {
                    task.note(module + " baselined at " + version + " from " + source);
                }

                @Override
                public void applied(Migration m, long executionMs) {
                    ObjectNode row = applied.addObject();
                    row.put("module", m.module());
                    row.put("version", m.version().toString());
                    row.put("description", m.description());
                    row.put("ms", executionMs);
                    task.note(m.module() + " " + m.version() + " " + m.description());
                    task.advance(1);
                }
            });
            MigrateOptions options = new MigrateOptions(Optional.empty(), Optional.empty(), false, false,
                    Duration.ofSeconds(lockWaitSeconds), MigrateOptions.DEFAULT_LOCK_TIMEOUT, 0);
            result = migrator.migrate(options);
        }
        ObjectNode left = details.putObject("skipped");
        skipped.forEach(left::put);
        ObjectNode versions = details.putObject("versions");
        result.versions().forEach((k, v) -> versions.put(k, v.toString()));
        String summary = "applied " + result.applied().size() + " migration" + (result.applied().size() == 1 ? "" : "s")
                + "; " + result.versions().entrySet().stream().map(e -> e.getKey() + " at " + e.getValue())
                .collect(Collectors.joining(", ")) + skippedText();
        return new StepResult(summary, details, List.of());
    }
}
