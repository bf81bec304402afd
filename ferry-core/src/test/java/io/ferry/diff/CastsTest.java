package io.ferry.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.read.CatalogReader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Type changes PostgreSQL cannot cast are refused when diffing, never left to fail half-way. */
@ExtendWith(PostgresExtension.class)
class CastsTest {
    private static final List<String> TYPES = List.of("smallint", "integer", "bigint", "real", "double precision",
            "numeric", "money", "oid", "boolean", "bit", "bit varying", "date", "timestamp without time zone",
            "timestamp with time zone", "time without time zone", "time with time zone", "interval", "json", "jsonb",
            "inet", "cidr", "macaddr", "macaddr8", "uuid", "bytea", "xml", "tsvector", "tsquery");

    @Test
    void theTableAgreesWithTheServersCatalog(TestDatabase db) throws SQLException {
        List<String> wrong = new ArrayList<>();
        try (Connection c = db.open(); PreparedStatement ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_cast WHERE castsource = ?::regtype AND casttarget = ?::regtype)")) {
            for (String from : TYPES) {
                for (String to : TYPES) {
                    if (from.equals(to)) {
                        continue;
                    }
                    ps.setString(1, from);
                    ps.setString(2, to);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1) != Casts.exists(from, to)) {
                            wrong.add(from + " -> " + to + " (server: " + rs.getBoolean(1) + ")");
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void stringsArraysAndSizesCast() {
        assertTrue(Casts.exists("bigint", "text"));
        assertTrue(Casts.exists("character varying(20)", "uuid"));
        assertTrue(Casts.exists("integer[]", "bigint[]"));
        assertTrue(Casts.exists("numeric(10,2)", "numeric(12,4)"));
        assertTrue(Casts.exists("timestamp(3) without time zone", "date"));
        assertTrue(Casts.exists("public.money_amount", "bigint"));
        assertFalse(Casts.exists("uuid[]", "bytea[]"));
        assertFalse(Casts.exists("bigint", "timestamp without time zone"));
    }

    @Test
    void aChangeWithoutACastIsRefusedNamingTheColumnAndTheUsingClause() {
        TestDatabase a = ApplyAndRediff.load("CREATE TABLE event (id integer, at bigint, n integer);", "cast_a");
        TestDatabase b = ApplyAndRediff.load("CREATE TABLE event (id integer, at timestamp, n bigint);", "cast_b");
        FerryException e = assertThrows(FerryException.class, () -> SchemaDiff.between(CatalogReader.read(a.spec()),
                CatalogReader.read(b.spec()), DiffOptions.defaults()));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals("column \"public\".\"event\".\"at\" cannot change from bigint to timestamp without time zone:"
                + " PostgreSQL has no cast between them; write that change by hand (ALTER TABLE \"public\".\"event\""
                + " ALTER COLUMN \"at\" TYPE timestamp without time zone USING <expression>) or rename the column"
                + " (--rename) and add the new one", e.getMessage());
    }

    /**
     * PostgreSQL refuses {@code ALTER TYPE ... ALTER ATTRIBUTE ... TYPE} while a table's column has
     * the type ("cannot alter type ... because column ... uses it"), and cannot drop the type under
     * the column either: the diff refuses, naming the column and what to write.
     */
    @Test
    void anAttributeTypeChangeOfACompositeAColumnUsesIsRefused() {
        String type = "CREATE TYPE address AS (street text, zip integer);";
        TestDatabase a = ApplyAndRediff.load(type + "CREATE TABLE customer (id integer, homes address[]);"
                + "INSERT INTO customer VALUES (1, ARRAY[ROW('Main St', 12345)::address])", "composite_used_a");
        TestDatabase b = ApplyAndRediff.load("CREATE TYPE address AS (street text, zip bigint);"
                + "CREATE TABLE customer (id integer, homes address[]);", "composite_used_b");
        String changed = "composite type \"public\".\"address\" cannot change attribute \"zip\" from integer to bigint";
        String reordered = "composite type \"public\".\"address\" cannot be dropped and created (its attributes change order)";
        String rest = " while column \"public\".\"customer\".\"homes\" uses it: PostgreSQL refuses; write that change by hand"
                + " (create the new type under another name, ALTER TABLE \"public\".\"customer\" ALTER COLUMN \"homes\""
                + " TYPE <new type> USING <expression>, drop the old type and rename the new one)";
        FerryException e = assertThrows(FerryException.class, () -> SchemaDiff.between(CatalogReader.read(a.spec()),
                CatalogReader.read(b.spec()), DiffOptions.defaults()));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertEquals(changed + rest, e.getMessage());

        TestDatabase c = ApplyAndRediff.load("CREATE TYPE address AS (zip integer, street text);"
                + "CREATE TABLE customer (id integer, homes address[]);", "composite_used_c");
        e = assertThrows(FerryException.class, () -> SchemaDiff.between(CatalogReader.read(a.spec()),
                CatalogReader.read(c.spec()), DiffOptions.defaults()));
        assertEquals(reordered + rest, e.getMessage());
    }
}
