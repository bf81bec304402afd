package io.ferry.schema.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The schema of a whole database: every user object Ferry models, each map keyed by
 * {@link ObjectRef#key()}. Immutable; maps iterate in key order, so anything written from a schema
 * comes out the same way every time. Two schemas read from databases with the same structure are
 * {@code equals}, whatever their OIDs or the order in which the objects were created (column order
 * aside, which is part of a table).
 *
 * <p>Left out, always: system schemas ({@code pg_catalog}, {@code information_schema},
 * {@code pg_toast}, temporary schemas), objects that belong to an extension, and Ferry's own objects
 * (schema {@code ferry} and table {@code public.ferry_schema_history}). Objects and settings a
 * schema can hold that the model does not (aggregates, rules, replica identity, ...) are only named,
 * in {@link #unmodelled()}, so that whoever compares schemas can say what was not compared.
 */
public record Schema(Map<String, Namespace> schemas, Map<String, Extension> extensions,
                     Map<String, Collation> collations, Map<String, EnumType> enums,
                     Map<String, DomainType> domains, Map<String, CompositeType> compositeTypes,
                     Map<String, Sequence> sequences, Map<String, Function> functions,
                     Map<String, Table> tables, Map<String, View> views, Map<String, Constraint> constraints,
                     Map<String, Index> indexes, Map<String, Trigger> triggers, Map<String, Policy> policies,
                     Map<String, Privilege> privileges, SortedSet<Dependency> dependencies,
                     SortedSet<String> unmodelled) {

    public Schema {
        schemas = sorted(schemas);
        extensions = sorted(extensions);
        collations = sorted(collations);
        enums = sorted(enums);
        domains = sorted(domains);
        compositeTypes = sorted(compositeTypes);
        sequences = sorted(sequences);
        functions = sorted(functions);
        tables = sorted(tables);
        views = sorted(views);
        constraints = sorted(constraints);
        indexes = sorted(indexes);
        triggers = sorted(triggers);
        policies = sorted(policies);
        privileges = sorted(privileges);
        dependencies = Collections.unmodifiableSortedSet(new TreeSet<>(dependencies));
        unmodelled = Collections.unmodifiableSortedSet(new TreeSet<>(unmodelled));
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** A schema with nothing in it. */
    public static Schema empty() {
        return new Builder().build();
    }

    /** Every object of every kind, kinds in {@link ObjectKind} order. */
    public Stream<SchemaObject> objects() {
        return Stream.of(schemas, extensions, collations, enums, domains, compositeTypes, sequences, functions,
                        tables, views, constraints, indexes, triggers, policies)
                .flatMap(map -> map.values().stream());
    }

    /** The object {@code ref} points at, or null. */
    public SchemaObject find(ObjectRef ref) {
        return switch (ref.kind()) {
            case SCHEMA -> schemas.get(ref.key());
            case EXTENSION -> extensions.get(ref.key());
            case COLLATION -> collations.get(ref.key());
            case ENUM -> enums.get(ref.key());
            case DOMAIN -> domains.get(ref.key());
            case COMPOSITE_TYPE -> compositeTypes.get(ref.key());
            case SEQUENCE -> sequences.get(ref.key());
            case FUNCTION -> functions.get(ref.key());
            case TABLE -> tables.get(ref.key());
            case VIEW, MATERIALIZED_VIEW -> {
                View view = views.get(ref.key());
                yield view != null && view.ref().kind() == ref.kind() ? view : null;
            }
            case CONSTRAINT -> constraints.get(ref.key());
            case INDEX -> indexes.get(ref.key());
            case TRIGGER -> triggers.get(ref.key());
            case POLICY -> policies.get(ref.key());
        };
    }

    /** The privileges recorded on {@code on}, in key order; empty when it has the default ones. */
    public List<Privilege> privilegesOn(ObjectRef on) {
        List<Privilege> result = new ArrayList<>();
        for (Privilege privilege : privileges.values()) {
            if (privilege.on().equals(on)) {
                result.add(privilege);
            }
        }
        return result;
    }

    /** Collects objects one by one; {@link #build()} makes the immutable schema. */
    public static final class Builder {
        private final Map<String, Namespace> schemas = new TreeMap<>();
        private final Map<String, Extension> extensions = new TreeMap<>();
        private final Map<String, Collation> collations = new TreeMap<>();
        private final Map<String, EnumType> enums = new TreeMap<>();
        private final Map<String, DomainType> domains = new TreeMap<>();
        private final Map<String, CompositeType> compositeTypes = new TreeMap<>();
        private final Map<String, Sequence> sequences = new TreeMap<>();
        private final Map<String, Function> functions = new TreeMap<>();
        private final Map<String, Table> tables = new TreeMap<>();
        private final Map<String, View> views = new TreeMap<>();
        private final Map<String, Constraint> constraints = new TreeMap<>();
        private final Map<String, Index> indexes = new TreeMap<>();
        private final Map<String, Trigger> triggers = new TreeMap<>();
        private final Map<String, Policy> policies = new TreeMap<>();
        private final Map<String, Privilege> privileges = new TreeMap<>();
        private final Set<Dependency> dependencies = new TreeSet<>();
        private final SortedSet<String> unmodelled = new TreeSet<>();

        /**
         * Adds an object to the map of its kind.
         *
         * @throws IllegalArgumentException if an object with the same key is already there
         */
        public Builder add(SchemaObject object) {
            String key = object.ref().key();
            Object previous;
            if (object instanceof Namespace o) {
                previous = schemas.putIfAbsent(key, o);
            } else if (object instanceof Extension o) {
                previous = extensions.putIfAbsent(key, o);
            } else if (object instanceof Collation o) {
                previous = collations.putIfAbsent(key, o);
            } else if (object instanceof EnumType o) {
                previous = enums.putIfAbsent(key, o);
            } else if (object instanceof DomainType o) {
                previous = domains.putIfAbsent(key, o);
            } else if (object instanceof CompositeType o) {
                previous = compositeTypes.putIfAbsent(key, o);
            } else if (object instanceof Sequence o) {
                previous = sequences.putIfAbsent(key, o);
            } else if (object instanceof Function o) {
                previous = functions.putIfAbsent(key, o);
            } else if (object instanceof Table o) {
                previous = tables.putIfAbsent(key, o);
            } else if (object instanceof View o) {
                previous = views.putIfAbsent(key, o);
            } else if (object instanceof Constraint o) {
                previous = constraints.putIfAbsent(key, o);
            } else if (object instanceof Index o) {
                previous = indexes.putIfAbsent(key, o);
            } else if (object instanceof Trigger o) {
                previous = triggers.putIfAbsent(key, o);
            } else if (object instanceof Policy o) {
                previous = policies.putIfAbsent(key, o);
            } else {
                throw new IllegalArgumentException("not a model object: " + object);
            }
            if (previous != null) {
                throw new IllegalArgumentException("two objects with the key " + object.ref());
            }
            return this;
        }

        /** Whether an object with this kind and key has been added. */
        public boolean contains(ObjectRef ref) {
            Map<String, ? extends SchemaObject> map = switch (ref.kind()) {
                case SCHEMA -> schemas;
                case EXTENSION -> extensions;
                case COLLATION -> collations;
                case ENUM -> enums;
                case DOMAIN -> domains;
                case COMPOSITE_TYPE -> compositeTypes;
                case SEQUENCE -> sequences;
                case FUNCTION -> functions;
                case TABLE -> tables;
                case VIEW, MATERIALIZED_VIEW -> views;
                case CONSTRAINT -> constraints;
                case INDEX -> indexes;
                case TRIGGER -> triggers;
                case POLICY -> policies;
            };
            SchemaObject object = map.get(ref.key());
            return object != null && object.ref().kind() == ref.kind();
        }

        public Builder add(Privilege privilege) {
            privileges.put(privilege.key(), privilege);
            return this;
        }

        public Builder add(Dependency dependency) {
            dependencies.add(dependency);
            return this;
        }

        /** Names an object or setting the model leaves out (such as {@code aggregate public.f(integer)}). */
        public Builder addUnmodelled(String description) {
            unmodelled.add(description);
            return this;
        }

        public Schema build() {
            return new Schema(schemas, extensions, collations, enums, domains, compositeTypes, sequences, functions,
                    tables, views, constraints, indexes, triggers, policies, privileges, new TreeSet<>(dependencies),
                    unmodelled);
        }
    }
}
