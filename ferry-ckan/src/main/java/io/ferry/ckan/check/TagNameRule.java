package io.ferry.ckan.check;

import java.util.Optional;

/**
 * Tags on datasets that CKAN's tag validators refuse: {@code tag_length_validator} (2 to 100
 * characters) and {@code tag_name_validator} ({@code [\w \-.]*$}, Unicode word characters, space,
 * {@code -}, {@code .}). A dataset is saved with its tags, so each dataset carrying such a tag can no
 * longer be updated.
 *
 * <p>Which non-ASCII characters are "word" characters depends on Python's Unicode tables, which the
 * database's locale need not share: only ASCII characters are judged here (any ASCII punctuation
 * but {@code - . _}, and control characters), non-ASCII ones are taken as accepted. As in CKAN, one
 * final line feed passes.
 */
record TagNameRule() implements Rule {
    @Override
    public String id() {
        return "tag-name";
    }

    @Override
    public String title() {
        return "tags on datasets that CKAN refuses";
    }

    @Override
    public CkanVersion since() {
        return CkanVersion.V2_8;
    }

    @Override
    public Optional<String> offenders(Shape shape, CkanVersion target) {
        if (!shape.has("tag", "id", "name") || !shape.has("package_tag", "tag_id", "state")) {
            return Optional.empty();
        }
        return Optional.of("""
                SELECT t.id, t.name FROM tag t
                WHERE EXISTS (SELECT 1 FROM package_tag pt WHERE pt.tag_id = t.id AND pt.state = 'active')
                  AND NOT coalesce(char_length(t.name) BETWEEN 2 AND 100
                      AND regexp_replace(t.name, '\\n$', '') !~ '[\\x01-\\x1f\\x21-\\x2c\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]',
                      false)""");
    }

    @Override
    public String consequence(CkanVersion target) {
        return target + " refuses every update of the datasets that carry these tags (tag_name_validator: only "
                + "letters, digits, spaces and - _ .; tag_length_validator: 2 to 100 characters)";
    }
}
