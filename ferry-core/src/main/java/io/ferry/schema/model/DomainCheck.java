package io.ferry.schema.model;

import java.util.Objects;

/**
 * A CHECK constraint of a domain.
 *
 * @param name its name
 * @param definition its text as {@code pg_get_constraintdef} writes it, such as {@code CHECK ((VALUE > 0))}
 */
public record DomainCheck(String name, String definition) {
    public DomainCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }
}
