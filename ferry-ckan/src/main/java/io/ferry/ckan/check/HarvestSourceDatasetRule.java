package io.ferry.ckan.check;

import java.util.Optional;

/**
 * Active harvest sources whose id is already a dataset other than an active harvest dataset.
 * Today's ckanext-harvest keeps each source as the dataset of the source's id; Ferry's harvest 006
 * makes those datasets, skips a source whose id is already a dataset, and then asserts that every
 * active source has an active dataset of type {@code harvest}: these sources stop it.
 */
record HarvestSourceDatasetRule() implements Rule {
    @Override
    public String id() {
        return "harvest-source-dataset";
    }

    @Override
    public String title() {
        return "active harvest sources whose id is another kind of dataset";
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_8;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has("harvest_source", "id", "active") || !shape.has("package", "id", "name", "type", "state")) {
            return Optional.empty();
        }
        return Optional.of("""
                SELECT s.id, p.name || ' (type ' || coalesce(p.type, 'none') || ', ' || coalesce(p.state, 'no state') || ')'
                FROM harvest_source s JOIN package p ON p.id = s.id
                WHERE s.active AND NOT coalesce(p.type = 'harvest' AND p.state = 'active', false)""");
    }

    @Override
    public String consequence(CkanVersion target) {
        return "Ferry's harvest 006 (each source becomes the dataset of its id) stops on these, rolled back; make the "
                + "source inactive or move the dataset";
    }
}
