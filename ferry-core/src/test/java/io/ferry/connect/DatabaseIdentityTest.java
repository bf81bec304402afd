package io.ferry.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DatabaseIdentityTest {
    @Test
    void oneDatabaseReachedThroughDifferentSpellingsIsTheSame(TestDatabase db, TestDatabase other) throws Exception {
        ConnectionSpec viaLocalhost = db.spec();
        ConnectionSpec viaLoopback = new ConnectionSpec("127.0.0.1", db.spec().port(), db.name(), "postgres", null, Map.of());
        DatabaseIdentity a = identity(viaLocalhost);
        DatabaseIdentity b = identity(viaLoopback);
        assertNotNull(a.systemIdentifier(), "a superuser reads pg_control_system()");
        assertTrue(a.sameDatabaseAs(b));
        assertFalse(a.sameDatabaseAs(identity(other.spec())), "another database on the same server");
        FerryException e = assertThrows(FerryException.class,
                () -> DatabaseIdentity.requireDistinct(viaLocalhost, viaLoopback, "transfer"));
        assertEquals(ErrorCode.UNSAFE_CHANGE, e.code());
        assertTrue(e.getMessage().startsWith("transfer refused: the source "), e.getMessage());
        assertTrue(e.getMessage().endsWith("are the same database; nothing was changed"), e.getMessage());
        DatabaseIdentity.requireDistinct(viaLocalhost, other.spec(), "transfer");
    }

    @Test
    void aRoleThatCannotReadTheControlFileIsStillRecognised(TestDatabase db) throws Exception {
        // Servers that keep pg_control_system() from ordinary roles (hardened or hosted ones).
        db.execute("DROP ROLE IF EXISTS ferry_identity_reader; CREATE ROLE ferry_identity_reader LOGIN; "
                + "REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC");
        try {
            ConnectionSpec plain = new ConnectionSpec("127.0.0.1", db.spec().port(), db.name(),
                    "ferry_identity_reader", null, Map.of());
            DatabaseIdentity seen = identity(plain);
            assertNull(seen.systemIdentifier());
            assertTrue(seen.sameDatabaseAs(identity(db.spec())));
            assertTrue(identity(db.spec()).sameDatabaseAs(seen));
        } finally {
            db.execute("GRANT EXECUTE ON FUNCTION pg_control_system() TO PUBLIC");
        }
    }

    @Test
    void aPhysicalReplicaSharesTheSystemIdentifierAndCountsAsTheSame() {
        DatabaseIdentity primary = new DatabaseIdentity("7301", "2026-12-01 10:00:00+00", 5432, 16384, "ckan");
        DatabaseIdentity replica = new DatabaseIdentity("7301", "2026-12-03 09:00:00+00", 5433, 16384, "ckan");
        DatabaseIdentity elsewhere = new DatabaseIdentity("9999", "2026-12-03 09:00:00+00", 5432, 16384, "ckan");
        DatabaseIdentity unknown = new DatabaseIdentity(null, "2026-12-03 09:00:00+00", 5432, 16384, "ckan");
        assertTrue(primary.sameDatabaseAs(replica));
        assertFalse(primary.sameDatabaseAs(elsewhere), "same oid and name on another cluster");
        assertFalse(primary.sameDatabaseAs(unknown), "no identifier and another instance");
        assertTrue(elsewhere.sameDatabaseAs(unknown), "same instance, identifier unreadable on one side");
        assertFalse(primary.sameDatabaseAs(new DatabaseIdentity("7301", "2026-12-01 10:00:00+00", 5432, 16385, "ckan")));
    }

    private static DatabaseIdentity identity(ConnectionSpec spec) throws Exception {
        try (Connection c = spec.open()) {
            return DatabaseIdentity.of(c);
        }
    }
}
