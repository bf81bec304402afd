package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies, inspects, baselines and repairs the migrations of a {@link MigrationSet} on one database.
 *
 * <p>Every command that writes takes the {@link MigrationLock} first and reads the history only
 * after it holds the lock, so concurrent runs see each other's work and apply each migration once.
 * Each transactional migration runs in its own transaction together with its history row: either
 * both are there or neither is.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final ConnectionSpec spec;
    private final MigrationSet set;
    private final MigrationListener listener;

    public Migrator(ConnectionSpec spec, MigrationSet set, MigrationListener listener) {
        this.spec = spec;
        this.set = set;
        this.listener = listener;
    }

    /** The result of a migrate: what ran, and each module's version afterwards. */
    public record Result(List<Migration> applied, Map<String, MigrationVersion> versions) {
    }

    public Result migrate(MigrateOptions options) {
        if (options.dryRun()) {
            return dryRun(options);
        }
        try (MigrationLock lock = MigrationLock.acquire(spec, options.lockWait());
             Connection c = spec.open()) {
            MigrationRunner runner = new MigrationRunner(c, options, listener);
            List<HistoryRow> rows = new ArrayList<>(History.read(c));
            if (rows.isEmpty()) {
                // A cycle, a missing module or a bad --target is refused before anything is written,
                // not even the history table, so a refused first migrate leaves the database as it was.
                List<HistoryRow> imagined = new ArrayList<>(autoBaseline(c, rows, options, false, false));
                MigrationPlan.of(set, states(imagined), options);
            }
            History.create(c);
            rows.addAll(autoBaseline(c, rows, options, true, true));
            Map<String, ModuleState> states = states(rows);
            MigrationPlan plan = MigrationPlan.of(set, states, options);
            List<Migration> applied = new ArrayList<>();
            for (Migration m : plan.steps()) {
                listener.starting(m);
                long ms = runner.apply(m);
                listener.applied(m, ms);
                applied.add(m);
            }
            // Nothing applied: the rows read under the lock are still the whole story.
            return new Result(applied, versions(applied.isEmpty() ? rows : History.read(c)));
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "migrate failed on " + spec.display() + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    private Result dryRun(MigrateOptions options) {
        try (Connection c = spec.open()) {
            c.setReadOnly(true);
            List<HistoryRow> rows = new ArrayList<>(History.read(c));
            rows.addAll(autoBaseline(c, rows, options, false, true));
            MigrationPlan plan = MigrationPlan.of(set, states(rows), options);
            plan.steps().forEach(listener::wouldApply);
            return new Result(plan.steps(), versions(rows));
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot read the history of " + spec.display() + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    /**
     * Modules whose module.properties names a baseline source and that have no history yet start at the
     * version CKAN recorded. Rows are written only when {@code write} (a dry run just imagines them), and
     * announced only when {@code announce}.
     */
    private List<HistoryRow> autoBaseline(Connection c, List<HistoryRow> rows, MigrateOptions options,
                                          boolean write, boolean announce) throws SQLException {
        List<HistoryRow> added = new ArrayList<>();
        for (ModuleDefinition module : set.all()) {
            if (module.baseline() == Baseline.NONE || options.module().filter(n -> !n.equals(module.name())).isPresent()
                    || rows.stream().anyMatch(r -> r.module().equals(module.name()))) {
                continue;
            }
            Optional<BaselineReader.Found> found = BaselineReader.read(c, module.baseline(), module);
            if (found.isEmpty()) {
                LOG.info("module {}: no {} to baseline from; starting at 0", module.name(), module.baseline());
                continue;
            }
            BaselineReader.Found f = found.get();
            if (write) {
                History.insert(c, module.name(), f.version(), "baseline from " + f.source(), HistoryRow.BASELINE,
                        f.source(), null, 0, true, null, null);
            }
            if (announce) {
                listener.baselined(module.name(), f.version(), f.source());
            }
            added.add(new HistoryRow(-1, module.name(), f.version(), "baseline from " + f.source(),
                    HistoryRow.BASELINE, f.source(), null, null, null, 0, true, null, null));
        }
        return added;
    }

    /** Each module's state: the modules of the set, then modules known only from the history. */
    public List<ModuleState> status() {
        try (Connection c = spec.open()) {
            c.setReadOnly(true);
            Map<String, ModuleState> states = states(History.read(c));
            return orderedStates(states);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot read the history of " + spec.display() + ": "
                    + SqlErrors.describe(e), e);
        }
    }

    /** The problems {@code validate} reports; an empty list means all is well. */
    public List<String> validate() {
        List<ModuleState> states = status();
        List<String> problems = new ArrayList<>();
        for (ModuleState s : states) {
            for (HistoryRow f : s.failed()) {
                problems.add(s.name() + " " + f.version() + " (" + f.script() + "): failed: "
                        + MigrationPlan.firstLine(f.error()) + " -- fix the cause, then run ferry repair");
            }
            for (Migration m : s.changed()) {
                problems.add(s.name() + " " + m.version() + " (" + m.script() + "): changed since it was applied");
            }
            for (HistoryRow r : s.missing()) {
                problems.add(s.name() + " " + r.version() + " (" + r.script() + "): applied, but the file is missing");
            }
            for (Migration m : s.outOfOrder()) {
                problems.add(s.name() + " " + m.version() + " (" + m.script() + "): numbered below the applied version "
                        + s.current() + " and never applied (out of order)");
            }
        }
        // Cycles and unmet requirements are problems too; planning finds them without applying anything.
        try {
            Map<String, ModuleState> byName = new HashMap<>();
            states.forEach(s -> byName.put(s.name(), s));
            MigrationPlan.of(set, byName, new MigrateOptions(Optional.empty(), Optional.empty(), true, true,
                    MigrateOptions.DEFAULT_LOCK_WAIT, MigrateOptions.DEFAULT_LOCK_TIMEOUT, 0));
        } catch (FerryException e) {
            if (e.code() == ErrorCode.CONFIGURATION) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /**
     * Marks a module as being at {@code version} without running anything. With no version, reads it
     * from the module's baseline source, else from CKAN's migrate_version or alembic_version table.
     */
    public MigrationVersion baseline(String moduleName, Optional<MigrationVersion> version, MigrateOptions options) {
        ModuleDefinition module = set.modules().get(moduleName);
        try (MigrationLock lock = MigrationLock.acquire(spec, options.lockWait());
             Connection c = spec.open()) {
            List<HistoryRow> rows = History.read(c);
            Optional<HistoryRow> existing = rows.stream().filter(r -> r.module().equals(moduleName)).findFirst();
            if (existing.isPresent()) {
                throw new FerryException(ErrorCode.VALIDATION_FAILED, "module " + moduleName + " already has history "
                        + "(first row: version " + existing.get().version() + "); baseline only applies to a module "
                        + "with none");
            }
            MigrationVersion chosen;
            String source;
            if (version.isPresent()) {
                chosen = version.get();
                source = "ferry baseline";
            } else {
                BaselineReader.Found found = BaselineReader.find(c, moduleName, module);
                chosen = found.version();
                source = found.source();
            }
            // Created only now: a refused baseline leaves the database as it was.
            History.create(c);
            History.insert(c, moduleName, chosen, "baseline from " + source, HistoryRow.BASELINE, source, null, 0,
                    true, null, null);
            return chosen;
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "baseline failed: " + SqlErrors.describe(e), e);
        }
    }

    /**
     * Removes failed rows (after the user fixed their cause) and accepts changed files as they are now.
     * Rows whose file is missing are left alone and reported: repair cannot know what the file was.
     *
     * @return one line per action taken or left
     */
    public List<String> repair(MigrateOptions options) {
        return repair(options, planned -> { });
    }

    /**
     * Repairs, after handing {@code beforeActing} the list of what it is about to do (under the lock,
     * so the list is exactly what happens).
     */
    public List<String> repair(MigrateOptions options, Consumer<List<String>> beforeActing) {
        try (MigrationLock lock = MigrationLock.acquire(spec, options.lockWait());
             Connection c = spec.open()) {
            List<ModuleState> states = orderedStates(states(History.read(c)));
            List<String> actions = new ArrayList<>();
            for (ModuleState s : states) {
                for (HistoryRow f : s.failed()) {
                    actions.add("remove the failed history row of " + s.name() + " " + f.version() + " (" + f.script() + ")");
                }
                for (Migration m : s.changed()) {
                    actions.add("accept the changed " + m.script() + " (update its checksum)");
                }
                for (HistoryRow r : s.missing()) {
                    actions.add("leave " + s.name() + " " + r.version() + " (" + r.script()
                            + ") as applied although its file is missing");
                }
            }
            beforeActing.accept(List.copyOf(actions));
            for (ModuleState s : states) {
                if (!s.failed().isEmpty()) {
                    History.deleteFailed(c, s.name());
                }
                for (Migration m : s.changed()) {
                    History.realign(c, s.appliedRow(m.version()).orElseThrow().rank(), m);
                }
            }
            return actions;
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "repair failed: " + SqlErrors.describe(e), e);
        }
    }

    private Map<String, ModuleState> states(List<HistoryRow> rows) {
        Map<String, List<HistoryRow>> byModule = new TreeMap<>();
        for (HistoryRow row : rows) {
            byModule.computeIfAbsent(row.module(), k -> new ArrayList<>()).add(row);
        }
        Map<String, ModuleState> states = new LinkedHashMap<>();
        for (ModuleDefinition module : set.all()) {
            states.put(module.name(), ModuleState.of(module.name(), module,
                    byModule.getOrDefault(module.name(), List.of())));
        }
        byModule.forEach((name, moduleRows) -> states.computeIfAbsent(name, n -> ModuleState.of(n, null, moduleRows)));
        return states;
    }

    /** Modules in run order where the files allow it, history-only modules last. */
    private List<ModuleState> orderedStates(Map<String, ModuleState> states) {
        List<ModuleState> ordered = new ArrayList<>();
        for (ModuleDefinition m : safeOrder()) {
            ordered.add(states.get(m.name()));
        }
        new TreeMap<>(states).forEach((name, state) -> {
            if (!ordered.contains(state)) {
                ordered.add(state);
            }
        });
        return ordered;
    }

    /** The run order, or by name when the modules have a cycle (status must still show something). */
    private List<ModuleDefinition> safeOrder() {
        try {
            return ModuleOrder.order(set.all());
        } catch (FerryException e) {
            return new TreeMap<>(set.modules()).values().stream().toList();
        }
    }

    private static Map<String, MigrationVersion> versions(List<HistoryRow> rows) {
        Map<String, MigrationVersion> versions = new TreeMap<>();
        for (HistoryRow r : rows) {
            if (r.success()) {
                versions.merge(r.module(), r.version(), MigrationVersion::max);
            }
        }
        return versions;
    }
}
