package io.ferry.ckan.check;

import java.util.Optional;

/**
 * Datasets whose {@code owner_org} names no group or organization (the column has no foreign key).
 * CKAN's {@code owner_org_validator} looks the value up by id, then by name, in any state, and
 * refuses the dataset when it finds nothing; an edit sends the stored value back, so it fails.
 */
record OwnerOrgRule() implements Rule {
    @Override
    public String id() {
        return "dataset-organization";
    }

    @Override
    public String title() {
        return "datasets whose organization does not exist";
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_8;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has("package", "id", "owner_org") || !shape.has("group", "id", "name")) {
            return Optional.empty();
        }
        return Optional.of("""
                SELECT p.id, p.owner_org FROM package p
                WHERE p.owner_org IS NOT NULL AND p.owner_org <> ''
                  AND NOT EXISTS (SELECT 1 FROM "group" g WHERE g.id = p.owner_org OR g.name = p.owner_org)""");
    }

    @Override
    public String consequence(CkanVersion target) {
        return target + " refuses every update of these datasets (owner_org_validator: \"Organization does not "
                + "exist\") unless it also moves them to an existing organization";
    }
}
