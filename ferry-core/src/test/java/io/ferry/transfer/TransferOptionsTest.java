package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransferOptionsTest {
    /** Every field away from its default, so a derivation that drops one shows. */
    private static final TransferOptions ALL_SET = new TransferOptions(3, Verify.COUNTS, false, true, true, true,
            List.of("log*"), 1 << 20, false, List.of("public.*"), List.of("public.secret"), 17, true);

    @Test
    void eachDerivedCopyChangesItsFieldAndKeepsEveryOther() {
        assertEquals(new TransferOptions(3, Verify.COUNTS, true, false, true, true, List.of("log*"), 1 << 20, false,
                List.of("public.*"), List.of("public.secret"), 17, true), ALL_SET.withResume(true));
        assertEquals(new TransferOptions(3, Verify.COUNTS, false, true, true, true, List.of("log*"), 1 << 20, false,
                List.of("a"), List.of("b"), 17, true), ALL_SET.withTables(List.of("a"), List.of("b")));
        assertEquals(new TransferOptions(3, Verify.COUNTS, false, true, true, true, List.of("log*"), 1 << 20, false,
                List.of("public.*"), List.of("public.secret"), 5, true), ALL_SET.withStallSeconds(5));
        assertEquals(new TransferOptions(4, Verify.NONE, false, true, true, true, List.of("log*"), 1 << 20, false,
                List.of("public.*"), List.of("public.secret"), 17, true),
                ALL_SET.toBuilder().jobs(4).verify(Verify.NONE).build());
        assertEquals(new TransferOptions(3, Verify.COUNTS, false, true, true, true, List.of("log*"), 1 << 20, false,
                List.of("public.*"), List.of("public.secret"), 17, false), ALL_SET.withDropOids(false));
        assertEquals(ALL_SET, ALL_SET.toBuilder().build());
    }
}
