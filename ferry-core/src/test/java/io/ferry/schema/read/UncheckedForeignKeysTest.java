package io.ferry.schema.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sql.SqlStatement;
import org.junit.jupiter.api.Test;

class UncheckedForeignKeysTest {
    private final UncheckedForeignKeys keys = new UncheckedForeignKeys(null);

    @Test
    void aForeignKeyAsPgDumpWritesItIsSentNotValidOnItsOwnLine() {
        SqlStatement statement = new SqlStatement("ALTER TABLE ONLY public.child\n"
                + "    ADD CONSTRAINT child_parent_fkey FOREIGN KEY (parent_id) REFERENCES public.parent(id)", 7);

        SqlStatement sent = keys.unchecked(statement);

        assertEquals(statement.sql() + " NOT VALID", sent.sql());
        assertEquals(7, sent.line());
    }

    @Test
    void quotedNamesWithCommasAndParenthesesAreOneSubcommand() {
        SqlStatement statement = new SqlStatement("ALTER TABLE ONLY \"a,b\" ADD CONSTRAINT \"k(1,\" FOREIGN KEY (\"x,y\", z)"
                + " REFERENCES \"p)\"(\"x,y\", z) MATCH FULL ON DELETE SET NULL DEFERRABLE", 1);

        assertTrue(keys.unchecked(statement).sql().endsWith(" DEFERRABLE NOT VALID"));
    }

    @Test
    void everythingElseIsSentAsWritten() {
        for (String sql : new String[] {
            // partitioned tables, which pg_dump writes without ONLY, refuse NOT VALID
            "ALTER TABLE public.parted ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES public.p(a)",
            "ALTER TABLE ONLY public.c ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES public.p(a) NOT VALID",
            "ALTER TABLE ONLY public.c ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES public.p(a), ADD COLUMN b integer",
            "ALTER TABLE ONLY public.c ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES public.p(a) -- note\n",
            "ALTER TABLE ONLY public.c ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES public.p(a) /* note */",
            "ALTER TABLE ONLY public.c ADD CONSTRAINT c_pkey PRIMARY KEY (a)",
            "ALTER TABLE ONLY public.c ADD CONSTRAINT k CHECK (a > 0)",
            "CREATE TABLE public.c (a integer REFERENCES public.p(a))",
        }) {
            SqlStatement statement = new SqlStatement(sql, 1);
            assertSame(statement, keys.unchecked(statement), sql);
        }
    }

    @Test
    void aStatementThatSaysNotValidIsTheFilesOwn() {
        assertTrue(UncheckedForeignKeys.saysNotValid(new SqlStatement("ALTER TABLE c ADD CONSTRAINT k CHECK (a > 0) not\n valid", 1)));
        assertFalse(UncheckedForeignKeys.saysNotValid(new SqlStatement("CREATE TABLE not_valid (a integer)", 1)));
    }
}
