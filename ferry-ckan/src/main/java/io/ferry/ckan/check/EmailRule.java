package io.ferry.ckan.check;

import java.util.Optional;

/**
 * E-mail addresses CKAN's {@code email_validator} refuses: users' {@code email} and datasets'
 * {@code author_email} and {@code maintainer_email}. CKAN validates them whenever the row is saved,
 * so such a user or dataset can no longer be updated until the address is corrected. Empty addresses
 * pass, as in CKAN; a user without any address is left out (CKAN's own site user has none).
 *
 * <p>The pattern follows CKAN's as each version has it: the HTML form's e-mail pattern (2.8), plus
 * no {@code .} first, last or twice in a row (2.9 on); from 2.10 on CKAN strips white space before
 * checking. As with Python's {@code $}, one final line feed passes.
 *
 * @param id     the rule's id
 * @param table  {@code user} or {@code package}
 * @param column the address column
 * @param noun   what the rows are, plural
 */
record EmailRule(String id, String table, String column, String noun) implements Rule {
    private static final String PATTERN = "^[a-zA-Z0-9.!#$%&''*+/=?^_`{|}~-]+@[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
            + "(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$";

    @Override
    public String title() {
        return noun + " whose " + column + " CKAN refuses";
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_8;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has(table, "id", column)) {
            return Optional.empty();
        }
        String value = target.atLeast(CkanVersion.V2_10)
                ? "regexp_replace(t.\"" + column + "\", '^\\s+|\\s+$', '', 'g')" : "t.\"" + column + "\"";
        String line = "regexp_replace(" + value + ", '\\n$', '')";
        String valid = line + " ~ '" + PATTERN + "'";
        if (target.atLeast(CkanVersion.V2_9)) {
            valid += " AND " + line + " !~ '^\\.|\\.$|\\.\\.'";
        }
        return Optional.of("SELECT t.id, t.\"" + column + "\" FROM \"" + table + "\" t WHERE " + value + " <> ''"
                + " AND NOT coalesce(" + valid + ", false)");
    }

    @Override
    public String consequence(CkanVersion target) {
        return target + " refuses every update of these " + noun + " (email_validator: \"Email ... is not a valid "
                + "format\") until the address is corrected";
    }
}
