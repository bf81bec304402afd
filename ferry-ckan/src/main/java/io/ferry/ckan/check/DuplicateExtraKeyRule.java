package io.ferry.ckan.check;

import java.util.Optional;

/**
 * Datasets with two active extras of the same key. CKAN shows a dataset's active extras, and its
 * {@code duplicate_extras_key} validator refuses a dataset sent back with a key twice: such a dataset
 * can no longer be saved. (The table has no unique key on dataset and key.)
 */
record DuplicateExtraKeyRule() implements Rule {
    @Override
    public String id() {
        return "duplicate-extra-key";
    }

    @Override
    public String title() {
        return "datasets with an extra key twice";
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_8;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has("package_extra", "package_id", "key", "state")) {
            return Optional.empty();
        }
        return Optional.of("""
                SELECT e.package_id, e.key FROM package_extra e
                WHERE e.state = 'active'
                GROUP BY e.package_id, e.key HAVING count(*) > 1""");
    }

    @Override
    public String consequence(CkanVersion target) {
        return target + " refuses every update of these datasets (duplicate_extras_key: \"Duplicate key\") until one "
                + "of the extras is removed";
    }
}
