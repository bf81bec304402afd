package io.ferry.migrate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A module's files held against its history rows: what is applied, pending, failed, out of order,
 * changed since it was applied, or applied but no longer on disk. Computed in one pass over each list.
 *
 * @param definition null when the module appears only in the history
 * @param current    the highest successfully applied (or baselined) version, ZERO when none
 * @param baseline   the baseline row, if the module was baselined
 * @param pending    files above the current version, in version order
 * @param outOfOrder files below the current version (and above the baseline) that were never applied
 * @param changed    files whose content differs from what was applied
 * @param missing    applied rows whose file is gone
 */
public record ModuleState(String name, ModuleDefinition definition, MigrationVersion current,
                          Optional<HistoryRow> baseline, List<HistoryRow> applied, List<HistoryRow> failed,
                          List<Migration> pending, List<Migration> outOfOrder, List<Migration> changed,
                          List<HistoryRow> missing) {

    public ModuleState {
        applied = List.copyOf(applied);
        failed = List.copyOf(failed);
        pending = List.copyOf(pending);
        outOfOrder = List.copyOf(outOfOrder);
        changed = List.copyOf(changed);
        missing = List.copyOf(missing);
    }

    static ModuleState of(String name, ModuleDefinition definition, List<HistoryRow> rows) {
        List<HistoryRow> applied = new ArrayList<>();
        List<HistoryRow> failed = new ArrayList<>();
        HistoryRow baseline = null;
        MigrationVersion current = MigrationVersion.ZERO;
        Map<MigrationVersion, HistoryRow> appliedByVersion = new HashMap<>();
        for (HistoryRow row : rows) {
            if (!row.success()) {
                failed.add(row);
                continue;
            }
            if (row.isBaseline()) {
                baseline = row;
            } else {
                applied.add(row);
                appliedByVersion.put(row.version(), row);
            }
            current = MigrationVersion.max(current, row.version());
        }
        MigrationVersion floor = baseline == null ? MigrationVersion.ZERO : baseline.version();
        List<Migration> pending = new ArrayList<>();
        List<Migration> outOfOrder = new ArrayList<>();
        List<Migration> changed = new ArrayList<>();
        Map<MigrationVersion, Migration> files = new HashMap<>();
        List<Migration> migrations = definition == null ? List.of() : definition.migrations();
        for (Migration m : migrations) {
            files.put(m.version(), m);
            HistoryRow row = appliedByVersion.get(m.version());
            if (row != null) {
                if (!m.matchesChecksum(row.checksum())) {
                    changed.add(m);
                }
            } else if (failed.stream().anyMatch(f -> f.version().equals(m.version()))) {
                continue; // reported through the failed row
            } else if (m.version().isAfter(current)) {
                pending.add(m);
            } else if (m.version().isAfter(floor)) {
                outOfOrder.add(m);
            }
        }
        List<HistoryRow> missing = applied.stream().filter(r -> !files.containsKey(r.version())).toList();
        return new ModuleState(name, definition, current, Optional.ofNullable(baseline), applied, failed, pending,
                outOfOrder, changed, missing);
    }

    /** The applied row of a version, if any. */
    public Optional<HistoryRow> appliedRow(MigrationVersion version) {
        return applied.stream().filter(r -> r.version().equals(version)).findFirst();
    }

    public boolean hasHistory() {
        return baseline.isPresent() || !applied.isEmpty() || !failed.isEmpty();
    }
}
