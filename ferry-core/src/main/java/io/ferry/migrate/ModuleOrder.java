package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Orders modules so that every module runs after the modules it requires and honours the soft
 * {@code before}/{@code after} hints among the modules present. Ties are broken by name, so the order
 * is the same on every run. A cycle is an error that names the modules on it.
 */
final class ModuleOrder {
    private ModuleOrder() {
    }

    static List<ModuleDefinition> order(Collection<ModuleDefinition> modules) {
        Map<String, ModuleDefinition> byName = new TreeMap<>();
        modules.forEach(m -> byName.put(m.name(), m));
        // edges: name -> the modules that must come before it
        Map<String, Set<String>> predecessors = new HashMap<>();
        byName.keySet().forEach(n -> predecessors.put(n, new TreeSet<>()));
        for (ModuleDefinition m : byName.values()) {
            for (Requirement r : m.requires()) {
                if (byName.containsKey(r.module())) {
                    predecessors.get(m.name()).add(r.module());
                }
            }
            for (String a : m.after()) {
                if (byName.containsKey(a)) {
                    predecessors.get(m.name()).add(a);
                }
            }
            for (String b : m.before()) {
                if (byName.containsKey(b)) {
                    predecessors.get(b).add(m.name());
                }
            }
        }
        List<ModuleDefinition> ordered = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        while (ordered.size() < byName.size()) {
            String next = null;
            for (String name : byName.keySet()) {
                if (!done.contains(name) && done.containsAll(predecessors.get(name))) {
                    next = name;
                    break;
                }
            }
            if (next == null) {
                throw new FerryException(ErrorCode.CONFIGURATION, "modules depend on each other in a cycle: "
                        + describeCycle(predecessors, done));
            }
            done.add(next);
            ordered.add(byName.get(next));
        }
        return ordered;
    }

    /** Walks predecessor edges from a blocked module until a module repeats: that loop is the cycle. */
    private static String describeCycle(Map<String, Set<String>> predecessors, Set<String> done) {
        String start = predecessors.keySet().stream().filter(n -> !done.contains(n)).sorted().findFirst().orElseThrow();
        List<String> path = new ArrayList<>();
        String current = start;
        while (!path.contains(current)) {
            path.add(current);
            current = predecessors.get(current).stream().filter(n -> !done.contains(n)).findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        // Edges point to predecessors; print in running order: "a -> b" means a must run before b.
        Collections.reverse(cycle);
        // Start at the first name alphabetically so the message is the same however it was found.
        Collections.rotate(cycle, -cycle.indexOf(Collections.min(cycle)));
        cycle.add(cycle.get(0));
        return String.join(" -> ", cycle) + " (each must run before the next)";
    }
}
