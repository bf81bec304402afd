package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one {@code migrate} will apply, in order, worked out before anything runs so that a blocked
 * module, a cycle, or an unmet requirement stops the run with nothing applied.
 */
final class MigrationPlan {
    private final List<Migration> steps;

    private MigrationPlan(List<Migration> steps) {
        this.steps = List.copyOf(steps);
    }

    List<Migration> steps() {
        return steps;
    }

    /**
     * @param states every module's state, including modules known only from the history
     */
    static MigrationPlan of(MigrationSet set, Map<String, ModuleState> states, MigrateOptions options) {
        List<ModuleDefinition> inRun = options.module().map(name -> List.of(set.module(name)))
                .orElseGet(() -> new ArrayList<>(set.all()));
        List<ModuleDefinition> ordered = ModuleOrder.order(inRun);
        options.target().ifPresent(t -> {
            if (inRun.stream().noneMatch(m -> m.name().equals(t.module()))) {
                throw new FerryException(ErrorCode.USAGE, "--target names module " + t.module()
                        + ", which is not part of this run");
            }
        });
        for (ModuleDefinition module : ordered) {
            refuseBlocked(states.get(module.name()), options);
        }
        Map<String, List<Migration>> work = new LinkedHashMap<>();
        boolean stopped = false;
        for (ModuleDefinition module : ordered) {
            List<Migration> todo = new ArrayList<>();
            if (!stopped) {
                ModuleState state = states.get(module.name());
                if (options.outOfOrder()) {
                    todo.addAll(state.outOfOrder());
                }
                todo.addAll(state.pending());
                if (options.target().isPresent() && options.target().get().module().equals(module.name())) {
                    MigrationVersion limit = options.target().get().version();
                    todo.removeIf(m -> m.version().isAfter(limit));
                    stopped = true;
                }
            }
            work.put(module.name(), todo);
        }
        checkRequirements(ordered, states, work);
        List<Migration> steps = new ArrayList<>();
        work.values().forEach(steps::addAll);
        return new MigrationPlan(steps);
    }

    private static void refuseBlocked(ModuleState state, MigrateOptions options) {
        if (!state.failed().isEmpty()) {
            HistoryRow f = state.failed().get(0);
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "module " + state.name() + " is blocked by failed "
                    + "migration " + f.version() + " (" + f.script() + "): " + firstLine(f.error())
                    + " -- fix the cause, then run ferry repair");
        }
        if (!state.changed().isEmpty()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "module " + state.name() + ": applied migration"
                    + (state.changed().size() > 1 ? "s " : " ") + scripts(state.changed())
                    + " changed since it was applied -- restore the file, or run ferry repair to accept it");
        }
        if (!state.outOfOrder().isEmpty() && !options.outOfOrder()) {
            throw new FerryException(ErrorCode.VALIDATION_FAILED, "module " + state.name() + ": "
                    + scripts(state.outOfOrder()) + " numbered below the applied version " + state.current()
                    + " and never applied -- renumber, or run migrate --out-of-order to apply");
        }
    }

    /** Each module's requirements must hold when it runs: after the modules ordered before it ran. */
    private static void checkRequirements(List<ModuleDefinition> ordered, Map<String, ModuleState> states,
                                           Map<String, List<Migration>> work) {
        Map<String, MigrationVersion> reached = new HashMap<>();
        states.forEach((name, state) -> reached.put(name, state.current()));
        for (ModuleDefinition module : ordered) {
            for (Requirement r : module.requires()) {
                MigrationVersion have = reached.get(r.module());
                if (have == null) {
                    throw new FerryException(ErrorCode.CONFIGURATION, "module " + module.name() + " requires "
                            + r + ", but there is no module " + r.module() + " (no folder, no history)");
                }
                if (have.isBefore(r.atLeast()) && !work.get(module.name()).isEmpty()) {
                    throw new FerryException(ErrorCode.CONFIGURATION, "module " + module.name() + " requires " + r
                            + ", but " + r.module() + " would only be at version " + have + " when " + module.name()
                            + " runs");
                }
            }
            List<Migration> todo = work.get(module.name());
            if (!todo.isEmpty()) {
                reached.merge(module.name(), todo.get(todo.size() - 1).version(), MigrationVersion::max);
            }
        }
    }

    private static String scripts(List<Migration> migrations) {
        return migrations.stream().map(Migration::script).collect(Collectors.joining(", "));
    }

    static String firstLine(String text) {
        if (text == null) {
            return "no error recorded";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
