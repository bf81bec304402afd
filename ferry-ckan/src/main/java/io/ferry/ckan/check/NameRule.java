package io.ferry.ckan.check;

import java.util.Optional;

/**
 * Names of users, datasets, groups and organizations as CKAN's {@code name_validator} accepts them
 * (CKAN 2.2 to 2.11 alike): 2 to 100 characters, only {@code a-z}, {@code 0-9}, {@code -} and
 * {@code _}, and not {@code new}, {@code edit} or {@code search}. Every update of such a row runs the
 * validator, so CKAN refuses to save a row whose stored name breaks it.
 *
 * <p>CKAN matches with Python's {@code re.match('[a-z0-9_\-]*$')}, whose {@code $} also matches before
 * a final line feed: a name ending in one line feed passes, and so it does here.
 *
 * @param id     the rule's id
 * @param table  {@code user}, {@code package} or {@code group}
 * @param filter which rows of the table (groups and organizations share {@code group}); may use the
 *               column {@code is_organization}, which the catalog must then have
 * @param noun   what the rows are, plural ("datasets")
 */
record NameRule(String id, String table, String filter, String noun) implements Rule {
    static final String ORGANIZATIONS = "coalesce(t.is_organization, false)";
    static final String GROUPS = "NOT coalesce(t.is_organization, false)";

    @Override
    public String title() {
        return noun + " whose name CKAN refuses";
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_8;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has(table, "id", "name") || (filter.contains("is_organization")
                && !shape.has(table, "is_organization"))) {
            return Optional.empty();
        }
        return Optional.of("SELECT t.id, t.name FROM \"" + table + "\" t WHERE " + filter
                + " AND NOT coalesce(t.name ~ '^[a-z0-9_-]*\\n?$' AND char_length(t.name) BETWEEN 2 AND 100"
                + " AND t.name NOT IN ('new', 'edit', 'search'), false)");
    }

    @Override
    public String consequence(CkanVersion target) {
        return target + " refuses every update of these " + noun + " (name_validator: \"Must be purely lowercase "
                + "alphanumeric (ascii) characters and these symbols: -_\", 2 to 100 characters, not new, edit or "
                + "search) until they are renamed";
    }
}
