package io.ferry.schema.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.schema.model.Constraint;
import io.ferry.schema.model.ConstraintKind;
import io.ferry.schema.model.QualifiedName;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyIndexTest {
    private static Constraint key(ConstraintKind kind, String name, String definition, boolean deferrable,
                                  boolean deferred) {
        return new Constraint(new QualifiedName("public", "t"), name, kind, definition, deferrable, deferred, true,
                List.of(), null, List.of(), false, null);
    }

    private static Optional<List<String>> split(ConstraintKind kind, String definition) {
        return KeyIndex.split(key(kind, "k", definition, false, false));
    }

    @Test
    void aPlainPrimaryKeyBecomesAUniqueIndexAndAnAttachment() {
        assertEquals(Optional.of(List.of("CREATE UNIQUE INDEX \"k\" ON \"public\".\"t\" (id)",
                        "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"k\" PRIMARY KEY USING INDEX \"k\"")),
                split(ConstraintKind.PRIMARY_KEY, "PRIMARY KEY (id)"));
    }

    @Test
    void everyIndexClauseOfAKeyIsCarriedOver() {
        assertEquals(Optional.of(List.of(
                        "CREATE UNIQUE INDEX \"a \"\"b\"\" (c)\" ON \"public\".\"t\" (\"x)\", \"y,(\") INCLUDE (\"z)\")"
                                + " NULLS NOT DISTINCT WITH (fillfactor='70') TABLESPACE \"my space\"",
                        "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"a \"\"b\"\" (c)\" UNIQUE USING INDEX \"a \"\"b\"\" (c)\""
                                + " DEFERRABLE INITIALLY DEFERRED")),
                KeyIndex.split(key(ConstraintKind.UNIQUE, "a \"b\" (c)", "UNIQUE NULLS NOT DISTINCT (\"x)\", \"y,(\")"
                        + " INCLUDE (\"z)\") WITH (fillfactor='70') USING INDEX TABLESPACE \"my space\""
                        + " DEFERRABLE INITIALLY DEFERRED", true, true)));
    }

    @Test
    void otherShapesAreLeftWhole() {
        assertEquals(Optional.empty(), split(ConstraintKind.EXCLUSION, "EXCLUDE USING gist (p WITH &&)"));
        assertEquals(Optional.empty(), split(ConstraintKind.CHECK, "CHECK ((a > 0))"));
        assertEquals(Optional.empty(), split(ConstraintKind.UNIQUE, "UNIQUE (a) SOMETHING NEW"));
        assertEquals(Optional.empty(), split(ConstraintKind.UNIQUE, "UNIQUE (a"));
        assertEquals(Optional.empty(), split(ConstraintKind.PRIMARY_KEY, "PRIMARY KEY (a) USING INDEX TABLESPACE x y"));
        // Deferrability the model does not know of is not guessed at.
        assertEquals(Optional.empty(), split(ConstraintKind.UNIQUE, "UNIQUE (a) DEFERRABLE"));
    }

    @Test
    void onlyTheCreateStatementIsReplaced() {
        Constraint c = key(ConstraintKind.PRIMARY_KEY, "k", "PRIMARY KEY (id)", false, false);
        String comment = "COMMENT ON CONSTRAINT \"k\" ON \"public\".\"t\" IS 'x'";
        assertEquals(List.of("CREATE UNIQUE INDEX \"k\" ON \"public\".\"t\" (id)",
                        "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"k\" PRIMARY KEY USING INDEX \"k\"", comment),
                KeyIndex.replaceCreate(c, List.of(c.createSql(), comment)));
    }
}
