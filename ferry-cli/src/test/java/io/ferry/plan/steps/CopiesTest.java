package io.ferry.plan.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.FerryException;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopiesTest {
    @Test
    void resumingKeepsEveryOtherOption() {
        TransferOptions o = new TransferOptions(3, Verify.COUNTS, false, false, true, true, List.of("log*"), 1 << 20,
                false, List.of("public.*"), List.of("public.secret"), 17);
        assertEquals(new TransferOptions(3, Verify.COUNTS, true, false, true, true, List.of("log*"), 1 << 20, false,
                List.of("public.*"), List.of("public.secret"), 17), Copies.resuming(o, true));
        assertEquals(o, Copies.resuming(Copies.resuming(o, true), false));
    }

    @Test
    void aFailedVerificationListsDataMismatchesAndSchemaDifferencesApart() {
        Transfer.Report report = new Transfer.Report(Map.of(), List.of(), List.of("\"public\".\"a\": 3 rows, 4"),
                List.of("CREATE INDEX i ON b (x)"), 0, false);
        FerryException e = assertThrows(FerryException.class, () -> Copies.result(report, "copied"));
        assertTrue(e.getMessage().contains("\"public\".\"a\": 3 rows, 4; CREATE INDEX i ON b (x))"), e.getMessage());
    }
}
