package io.ferry.ckan.check;

import java.util.Optional;

/**
 * Rows that break a foreign key the catalog declares: they can only be there when they were written
 * with the key's checks off, as data.gov.uk's runbook loaded its dump ({@code session_replication_role
 * = replica}). They then stop whatever validates the key again: {@code ferry transfer} (keys added
 * {@code NOT VALID}, then validated), {@code pg_restore}, a later migration that rebuilds the key.
 *
 * @param id     the rule's id
 * @param table  the referencing table
 * @param column its column
 * @param parent the referenced table (its key is {@code id})
 */
record OrphanRule(String id, String table, String column, String parent) implements Rule {
    @Override
    public String title() {
        return table + " rows whose " + column + " names no " + parent;
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_8;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has(table, "id", column) || !shape.has(parent, "id")) {
            return Optional.empty();
        }
        return Optional.of("SELECT c.id, c.\"" + column + "\" FROM \"" + table + "\" c WHERE c.\"" + column
                + "\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"" + parent + "\" p WHERE p.id = c.\"" + column + "\")");
    }

    @Override
    public String consequence(CkanVersion target) {
        return "the foreign key " + table + "." + column + " -> " + parent + ".id forbids these (they were loaded with "
                + "its checks off): ferry transfer and pg_restore validate the key on the new database and stop. "
                + "Delete them or restore what they name";
    }
}
