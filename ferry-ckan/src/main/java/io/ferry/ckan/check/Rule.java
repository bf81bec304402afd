package io.ferry.ckan.check;

import java.util.Optional;

/**
 * One of CKAN's rules that rows of a catalog can break: a validator that makes CKAN refuse to save
 * the row again, or a later migration that fails on it. A rule is a query listing the offending rows.
 */
public interface Rule {
    /** Short and stable, for scripts: {@code user-name}, {@code active-email}. */
    String id();

    /** What the offending rows are, as a plural noun phrase: "users whose name CKAN refuses". */
    String title();

    /** The first CKAN version the rule matters for: a check for an older target leaves it out. */
    CkanVersion since();

    /**
     * A query whose rows are the offenders, as two text columns: the row's id and the value at
     * fault (a name, an address, the missing key). Empty when the catalog lacks what the rule is about.
     */
    Optional<String> offenders(Shape shape, CkanVersion target);

    /** What CKAN of the target version, or the migration to it, does with these rows. */
    String consequence(CkanVersion target);
}
