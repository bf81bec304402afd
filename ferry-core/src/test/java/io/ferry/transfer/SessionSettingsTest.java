package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.schema.read.CatalogReader;
import io.ferry.test.PostgresVersions;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Ferry's sessions run without JIT compilation where the server has it (11 on): on a server built
 * with LLVM a catalog query costed above {@code jit_above_cost} spent 1.5 s compiling for 0.06 s of
 * work. A server before 11 has no such setting and must not be asked for it.
 */
class SessionSettingsTest {
    private static String show(Connection c, String setting) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void transferSessionsRunWithoutJit() throws Exception {
        TestDatabase db = PostgresVersions.newDatabase("15", "settings_15");
        try (Connection c = db.open()) {
            assertEquals("on", show(c, "jit"), "the server's default");
            SessionSettings.withoutJit(c);
            assertEquals("off", show(c, "jit"));
        }
        try (Connection c = db.open()) {
            SessionSettings.apply(c);
            assertEquals("off", show(c, "jit"));
            assertEquals("ISO, YMD", show(c, "datestyle"));
        }
    }

    @Test
    void aServerWithoutJitTakesTheSameSettings() throws Exception {
        TestDatabase db = PostgresVersions.newDatabase("9.6", "settings_96");
        db.execute("CREATE TABLE t (id int PRIMARY KEY)");
        try (Connection c = db.open()) {
            SessionSettings.withoutJit(c);
            SessionSettings.apply(c);
            assertEquals("ISO, YMD", show(c, "datestyle"));
            assertEquals(1, CatalogReader.read(c).tables().size());
        }
    }
}
