package io.ferry.connect;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a connection is resolved against: the process environment (libpq's PG* variables) and the
 * home folder (for {@code ~/.pgpass}). Kept as a value so tests can resolve connections without
 * touching the real environment.
 */
public record Environment(Map<String, String> variables, Path home) {

    public Environment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
    }

    /** The environment of this process. */
    public static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The value of a variable, or null when it is unset or empty (libpq treats both alike). */
    public String get(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The operating-system user name, libpq's default for PGUSER. */
    public String osUser() {
        String user = get("USER");
        return user != null ? user : System.getProperty("user.name");
    }
}
