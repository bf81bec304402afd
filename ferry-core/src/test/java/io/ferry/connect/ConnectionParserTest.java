package io.ferry.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionParserTest {
    @TempDir
    Path home;

    private ConnectionSpec parse(String text, Map<String, String> env) {
        Map<String, String> vars = new HashMap<>(env);
        vars.putIfAbsent("USER", "osuser");
        return new ConnectionParser(new Environment(vars, home)).parse(text);
    }

    private ConnectionSpec parse(String text) {
        return parse(text, Map.of());
    }

    private static String password(ConnectionSpec spec) {
        return spec.driverProperties().getProperty("password");
    }

    @Test
    void postgresUrlWithEverything() {
        ConnectionSpec spec = parse("postgres://ckan:s3cret@db.example:6543/ckan_default?sslmode=require");
        assertEquals("db.example", spec.host());
        assertEquals(6543, spec.port());
        assertEquals("ckan_default", spec.database());
        assertEquals("ckan", spec.user());
        assertEquals("s3cret", password(spec));
        assertEquals("require", spec.driverOptions().get("sslmode"));
        assertEquals("postgres://ckan@db.example:6543/ckan_default", spec.display());
        assertEquals("jdbc:postgresql://db.example:6543/ckan_default", spec.jdbcUrl());
    }

    @Test
    void passwordWithUrlSpecialCharactersEncodedOrNot() {
        assertEquals("p@ss:w/rd?#x", password(parse("postgresql://u:p%40ss%3Aw%2Frd%3F%23x@localhost/db")));
        assertEquals("p@ss:w/rd?#x", password(parse("postgresql://u:p@ss:w/rd?#x@localhost/db")));
        assertEquals("50%off", password(parse("postgres://u:50%off@h/db")));
        assertFalse(parse("postgres://u:p@ss@h/db").display().contains("p@ss"));
    }

    @Test
    void sqlalchemyAndJdbcAndKeywordForms() {
        ConnectionSpec sa = parse("postgresql+psycopg2://ckan_default:pass@localhost/ckan_default");
        assertEquals("ckan_default", sa.user());
        assertEquals(5432, sa.port());
        ConnectionSpec jdbc = parse("jdbc:postgresql://[::1]:5433/ckan?user=u&password=pw&connect_timeout=3");
        assertEquals("::1", jdbc.host());
        assertEquals("u", jdbc.user());
        assertEquals("pw", password(jdbc));
        assertEquals("3", jdbc.driverOptions().get("connectTimeout"));
        assertEquals("jdbc:postgresql://[::1]:5433/ckan", jdbc.jdbcUrl());
        ConnectionSpec kw = parse("host=db port=5439 dbname='my db' user=me password='it''s' sslmode=disable"
                .replace("''", "\\'"));
        assertEquals("my db", kw.database());
        assertEquals("it's", password(kw));
        assertEquals(5439, kw.port());
    }

    @Test
    void environmentFillsTheGapsLikeLibpq() {
        ConnectionSpec spec = parse("postgres://", Map.of("PGHOST", "envhost", "PGPORT", "7777", "PGUSER", "envuser",
                "PGPASSWORD", "envpass", "PGDATABASE", "envdb", "PGSSLMODE", "verify-full"));
        assertEquals("envhost", spec.host());
        assertEquals(7777, spec.port());
        assertEquals("envuser", spec.user());
        assertEquals("envdb", spec.database());
        assertEquals("envpass", password(spec));
        assertEquals("verify-full", spec.driverOptions().get("sslmode"));
        ConnectionSpec defaults = parse("postgres:///");
        assertEquals("localhost", defaults.host());
        assertEquals("osuser", defaults.user());
        assertEquals("osuser", defaults.database(), "libpq: the database defaults to the user name");
    }

    @Test
    void pgpassSuppliesThePasswordWhenNoneIsGiven() throws Exception {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "# comment\nother:*:*:*:nope\ndb.example:5432:ckan:ckan:from\\:pgpass\n"
                + "*:*:*:ckan:fallback\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        assertEquals("from:pgpass", password(parse("postgres://ckan@db.example/ckan")));
        assertEquals("fallback", password(parse("postgres://ckan@elsewhere/x")));
        assertEquals("given", password(parse("postgres://ckan:given@db.example/ckan")));
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertFalse(parse("postgres://ckan@db.example/ckan").hasPassword(), "a world-readable file is ignored");
    }

    @Test
    void badInputGetsOneClearLine() {
        FerryException notUrl = assertThrows(FerryException.class, () -> parse("mysql://x"));
        assertEquals(ErrorCode.USAGE, notUrl.code());
        assertTrue(notUrl.getMessage().startsWith("not a PostgreSQL connection string"));
        FerryException badPort = assertThrows(FerryException.class, () -> parse("postgres://h:port/db"));
        assertTrue(badPort.getMessage().contains("invalid port"), badPort.getMessage());
        assertThrows(FerryException.class, () -> parse("postgres://h:99999/db"));
        assertThrows(FerryException.class, () -> parse("host=/var/run/postgresql dbname=x"));
    }

    @Test
    void passwordsNeverShowInDisplayOrToString() {
        ConnectionSpec spec = parse("postgres://u:TopSecret1@h/db");
        assertFalse(spec.toString().contains("TopSecret1"));
        assertEquals("a ****** b", Secrets.redact("a TopSecret1 b"));
        assertFalse(Secrets.redact("url postgres://u:TopSecret1@h").contains("TopSecret1"));
    }
}
