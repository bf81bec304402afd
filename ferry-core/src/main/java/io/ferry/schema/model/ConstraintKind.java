package io.ferry.schema.model;

/** The kinds of table constraint, with the code {@code pg_constraint.contype} uses. */
public enum ConstraintKind {
    PRIMARY_KEY('p'),
    UNIQUE('u'),
    FOREIGN_KEY('f'),
    CHECK('c'),
    EXCLUSION('x');

    private final char code;

    ConstraintKind(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    public static ConstraintKind fromCode(char code) {
        for (ConstraintKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown constraint type '" + code + "'");
    }
}
