package io.ferry.ckan.check;

import java.util.Optional;

/**
 * Harvest objects whose {@code harvest_source_reference} (a column only data.gov.uk's fork of
 * ckanext-harvest has) differs from their {@code guid}. Ferry's harvest 003 drops the column and
 * refuses to lose such a reference, counting the same rows.
 */
record HarvestReferenceRule() implements Rule {
    @Override
    public String id() {
        return "harvest-object-reference";
    }

    @Override
    public String title() {
        return "harvest objects whose source reference is not their guid";
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_8;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has("harvest_object", "id", "guid", "harvest_source_reference")) {
            return Optional.empty();
        }
        return Optional.of("""
                SELECT o.id, o.harvest_source_reference FROM harvest_object o
                WHERE o.harvest_source_reference IS NOT NULL AND o.harvest_source_reference IS DISTINCT FROM o.guid""");
    }

    @Override
    public String consequence(CkanVersion target) {
        return "Ferry's harvest 003 drops harvest_object.harvest_source_reference and stops (rolled back) rather than "
                + "lose these references; copy them elsewhere or set them to the guid";
    }
}
