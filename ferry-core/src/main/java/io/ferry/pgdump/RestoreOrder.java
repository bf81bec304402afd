package io.ferry.pgdump;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The order in which a load applies the entries: every entry after the entries it depends on,
 * pre-data before data before post-data, and otherwise in the archive's own order (which pg_dump
 * already sorts by dependencies; this also holds for an archive whose entries were reordered).
 */
final class RestoreOrder {
    private RestoreOrder() {
    }

    static List<TocEntry> of(List<TocEntry> entries) {
        Map<Integer, Integer> indexById = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            indexById.put(entries.get(i).dumpId(), i);
        }
        int[] waitingFor = new int[entries.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int dependency : entries.get(i).dependencies()) {
                Integer j = indexById.get(dependency);
                if (j != null && j != i) { // dependencies on objects left out of the archive are no constraint
                    waitingFor[i]++;
                    dependents.get(j).add(i);
                }
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>(Comparator.<Integer>comparingInt(
                i -> rank(entries.get(i).section())).thenComparingInt(i -> i));
        for (int i = 0; i < entries.size(); i++) {
            if (waitingFor[i] == 0) {
                ready.add(i);
            }
        }
        List<TocEntry> order = new ArrayList<>();
        boolean[] done = new boolean[entries.size()];
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(entries.get(i));
            done[i] = true;
            for (int dependent : dependents.get(i)) {
                if (--waitingFor[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        // A dependency cycle cannot come from pg_dump; its entries keep the archive's order.
        for (int i = 0; i < entries.size(); i++) {
            if (!done[i]) {
                order.add(entries.get(i));
            }
        }
        return order;
    }

    private static int rank(TocEntry.Section section) {
        return switch (section) {
            case NONE, PRE_DATA -> 0;
            case DATA -> 1;
            case POST_DATA -> 2;
        };
    }
}
