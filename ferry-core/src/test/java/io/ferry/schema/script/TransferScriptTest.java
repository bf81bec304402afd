package io.ferry.schema.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransferScriptTest {
    @Test
    void validationsAreGroupedByTheirTableEvenWithHostileNames() {
        String a1 = "ALTER TABLE \"public\".\"package extra\" VALIDATE CONSTRAINT \"fk one\"";
        String b1 = "ALTER TABLE \"x\"\"y VALIDATE CONSTRAINT z\".\"t\" VALIDATE CONSTRAINT \"fk\"";
        String a2 = "ALTER TABLE \"public\".\"package extra\" VALIDATE CONSTRAINT \"fk two\"";
        String c1 = "ALTER TABLE public.resource VALIDATE CONSTRAINT resource_fk";
        TransferScript script = new TransferScript(List.of(), Map.of(), List.of(), List.of(a1, b1, a2, c1));
        assertEquals(List.of(List.of(a1, a2), List.of(b1), List.of(c1)), List.copyOf(script.validationsByTable()));
    }
}
