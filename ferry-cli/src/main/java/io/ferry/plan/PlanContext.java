package io.ferry.plan;

import io.ferry.connect.CkanIni;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a step kind may look at while the plan is read: the connection names, the plan's folder
 * (files a step names, such as a SQL script, are relative to it), and the CKAN config of each
 * {@code ckan_ini:} connection (a site's Solr, site id and plugins).
 */
public record PlanContext(Set<String> connections, Path folder, Map<String, CkanIni> sites, Consumer<String> uses) {
    public PlanContext {
        connections = Set.copyOf(connections);
        sites = Map.copyOf(sites);
    }

    public PlanContext(Set<String> connections, Path folder, Map<String, CkanIni> sites) {
        this(connections, folder, sites, name -> { });
    }

    /** The same context telling {@code uses} each connection a step names (a step naming one not given is skipped). */
    PlanContext recordingUses(Consumer<String> uses) {
        return new PlanContext(connections, folder, sites, uses);
    }

    /** The CKAN config of a connection given as {@code ckan_ini:PATH}; empty for any other connection. */
    public Optional<CkanIni> site(String connection) {
        return Optional.ofNullable(sites.get(connection));
    }

    /** The named connection (the option's value, or {@code fallback}); refuses a name the plan does not define. */
    public String connection(Options options, String key, String fallback) {
        String name = options.string(key, fallback);
        if (name == null) {
            throw options.error("needs " + key + " (a connection name)");
        }
        if (!connections.contains(name)) {
            throw options.error(key + " names connection '" + name + "', which the plan does not define (it has "
                    + String.join(", ", connections.stream().sorted().toList()) + ")");
        }
        uses.accept(name);
        return name;
    }

    /** Whether {@code text} is one of the plan's connection names (then the step uses that connection). */
    public boolean namesConnection(String text) {
        if (!connections.contains(text)) {
            return false;
        }
        uses.accept(text);
        return true;
    }

    /** A file named by the plan: relative paths are relative to the plan file's folder. */
    public Path file(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : folder.resolve(p).normalize();
    }
}
