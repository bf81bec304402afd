package io.ferry.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reading a schema costs a fixed number of queries, whatever its size: a reader that queried per
 * table would make a 1,000-table CKAN catalog slow. Counted, not timed, so it cannot flake.
 */
@ExtendWith(PostgresExtension.class)
class LargeSchemaTest {
    private static final int TABLES = 300;
    /** One query per kind (one variant each), the server's version, and the transaction's settings statements. */
    private static final int MAX_STATEMENTS = 19 + 1 + 2;

    @Test
    void readingManyTablesTakesAFixedNumberOfQueries(TestDatabase db) throws Exception {
        StringBuilder sql = new StringBuilder("CREATE TABLE t0 (id serial PRIMARY KEY, name text);");
        for (int i = 1; i < TABLES; i++) {
            sql.append("CREATE TABLE t").append(i).append(" (id serial PRIMARY KEY, parent integer REFERENCES t")
                    .append(i - 1).append(", name text UNIQUE, created timestamptz DEFAULT now());")
                    .append("CREATE INDEX t").append(i).append("_parent ON t").append(i).append(" (parent);")
                    .append("COMMENT ON TABLE t").append(i).append(" IS 'table ").append(i).append("';");
        }
        db.execute(sql.toString());
        AtomicInteger statements = new AtomicInteger();

        Schema schema;
        try (Connection real = db.open()) {
            schema = CatalogReader.read(counting(real, statements));
        }

        assertEquals(TABLES, schema.tables().size());
        assertEquals(TABLES + 2 * (TABLES - 1), schema.constraints().size());
        assertEquals(TABLES - 1, schema.indexes().size());
        assertEquals(TABLES, schema.sequences().size());
        assertTrue(statements.get() <= MAX_STATEMENTS,
                "read " + TABLES + " tables with " + statements.get() + " statements");
    }

    /** A connection that counts the statements created on it. */
    private static Connection counting(Connection real, AtomicInteger count) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("createStatement") || method.getName().equals("prepareStatement")) {
                count.incrementAndGet();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Statement.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }
}
