package io.ferry.ckan.check;

import java.util.Optional;

/**
 * Before core 074 (a CKAN 2.2 catalog such as data.gov.uk's): resources whose resource group is
 * missing or names no dataset. 074 moves the group's {@code package_id} onto the resource; CKAN gives
 * such a resource {@code ''}, so it silently leaves every dataset, and Ferry's 074 refuses it.
 */
record ResourceGroupRule() implements Rule {
    @Override
    public String id() {
        return "resource-group";
    }

    @Override
    public String title() {
        return "resources whose resource group names no dataset";
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_8;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has("resource", "id", "resource_group_id") || !shape.has("resource_group", "id", "package_id")) {
            return Optional.empty();
        }
        return Optional.of("""
                SELECT r.id, coalesce(r.resource_group_id, '(none)') FROM resource r
                LEFT JOIN resource_group g ON g.id = r.resource_group_id
                WHERE g.package_id IS NULL""");
    }

    @Override
    public String consequence(CkanVersion target) {
        return "CKAN's migration 074 (on the way to 2.8) moves package_id from the resource group onto the resource "
                + "and gives these '', so they leave their dataset; Ferry's core 074 stops and rolls back";
    }
}
