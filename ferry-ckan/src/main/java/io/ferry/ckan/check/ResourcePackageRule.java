package io.ferry.ckan.check;

import java.util.Optional;

/**
 * Resources whose dataset does not exist. CKAN 2.11's core migration 105 ({@code 4a5e3465beb6}) adds
 * the foreign key {@code resource.package_id -> package.id}; Ferry's core 105 refuses, as its
 * assertion counts them, every resource whose {@code package_id} names no dataset (NULL included).
 * Before core 074 (CKAN 2.2) a resource reaches its dataset through its resource group, and 074 moves
 * that group's {@code package_id} onto the resource: the dataset is looked up the same way.
 */
record ResourcePackageRule() implements Rule {
    @Override
    public String id() {
        return "resource-package";
    }

    @Override
    public String title() {
        return "resources whose dataset does not exist";
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_11;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has("package", "id")) {
            return Optional.empty();
        }
        if (shape.has("resource", "id", "package_id")) {
            return Optional.of("""
                    SELECT r.id, coalesce(r.package_id, '(none)') FROM resource r
                    WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = r.package_id)""");
        }
        if (shape.has("resource", "id", "resource_group_id") && shape.has("resource_group", "id", "package_id")) {
            return Optional.of("""
                    SELECT r.id, coalesce(g.package_id, '(none)') FROM resource r
                    LEFT JOIN resource_group g ON g.id = r.resource_group_id
                    WHERE NOT EXISTS (SELECT 1 FROM package p WHERE p.id = g.package_id)""");
        }
        return Optional.empty();
    }

    @Override
    public String consequence(CkanVersion target) {
        return "CKAN 2.11's migration 105 (4a5e3465beb6) adds the key resource.package_id -> package.id and fails "
                + "on these; Ferry's core 105 stops before it, names them and rolls back. Purge them or give them "
                + "their dataset";
    }
}
