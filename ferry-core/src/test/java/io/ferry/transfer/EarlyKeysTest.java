package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.schema.model.Schema;
import io.ferry.schema.read.CatalogReader;
import io.ferry.schema.script.TransferScript;
import io.ferry.sql.Identifiers;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class EarlyKeysTest {
    /**
     * Keys both ways between two tables, a table with two keys (added one after the other), a
     * self-reference, hostile names, and a table copied last.
     */
    private static final String TABLES = """
            CREATE TABLE parent (id int PRIMARY KEY, partner_id int);
            CREATE TABLE partner (id int PRIMARY KEY, parent_id int);
            CREATE TABLE child (id int PRIMARY KEY, parent_id int, partner_id int);
            CREATE TABLE "odd ""tree""\" ("id (x)" int PRIMARY KEY, up int);
            CREATE TABLE late (id int, parent_id int);
            """;
    private static final String ROWS = """
            INSERT INTO parent SELECT g, g FROM generate_series(1, 200) g;
            INSERT INTO partner SELECT g, g FROM generate_series(1, 200) g;
            INSERT INTO child SELECT g, 1 + g % 200, 1 + g % 100 FROM generate_series(1, 1000) g;
            INSERT INTO "odd ""tree""\" SELECT g, nullif(g - 1, 0) FROM generate_series(1, 50) g;
            INSERT INTO late SELECT g, 1 + g % 200 FROM generate_series(1, 300) g;
            """;
    private static final String KEYS = """
            ALTER TABLE parent ADD CONSTRAINT parent_partner FOREIGN KEY (partner_id) REFERENCES partner;
            ALTER TABLE partner ADD FOREIGN KEY (parent_id) REFERENCES parent;
            ALTER TABLE child ADD FOREIGN KEY (parent_id) REFERENCES parent;
            ALTER TABLE child ADD FOREIGN KEY (partner_id) REFERENCES partner;
            ALTER TABLE "odd ""tree""\" ADD FOREIGN KEY (up) REFERENCES "odd ""tree""\";
            ALTER TABLE late ADD FOREIGN KEY (parent_id) REFERENCES parent;
            """;
    private static final List<String> COPIED = List.of("parent", "partner", "child", "odd \"tree\"");

    private static String keys(TestDatabase db) {
        return db.queryString("SELECT string_agg(conname || ':' || convalidated, ' ' ORDER BY conname) "
                + "FROM pg_constraint WHERE contype = 'f'");
    }

    @Test
    void foreignKeysAreAddedOnceBothTablesAreBuiltAndTheRestAfter(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute(TABLES + ROWS + KEYS);
        Schema schema;
        try (Connection s = source.open()) {
            schema = CatalogReader.read(s, true);
        }
        TransferScript script = TransferScript.of(schema, false, false);
        target.execute(String.join(";\n", script.preData()) + ";\n" + ROWS);
        List<TransferState.Entry> plan;
        try (Connection t = target.open()) {
            TransferState.create(t);
            PostData.createState(t);
            List<Chunk> chunks = new ArrayList<>();
            for (String table : List.of("parent", "partner", "child", "odd \"tree\"", "late")) {
                List<String> columns = table.startsWith("odd") ? List.of("\"id (x)\"", "up")
                        : table.equals("child") ? List.of("id", "parent_id", "partner_id")
                        : List.of("id", table.equals("parent") ? "partner_id" : "parent_id");
                chunks.add(new Chunk("\"public\"." + Identifiers.quote(table), columns, 0, 1, null, false));
            }
            TransferState.savePlan(t, chunks);
            plan = TransferState.load(t);
        }
        PostData post = new PostData(target.spec(), 2, line -> { });
        EarlyKeys early = new EarlyKeys(new QuietListener(), post, script, TransferScript.foreignKeys(schema), plan, 2);
        // Every table but "late" is in: their keys, both ways and to themselves, are added and
        // validated; late's key waits for late.
        plan.stream().filter(e -> COPIED.stream().anyMatch(t -> e.chunk().table().endsWith(
                Identifiers.quote(t)))).forEach(e -> early.chunkCopied(e.chunk(), 0, 0));
        early.finish();
        assertEquals("child_parent_id_fkey:true child_partner_id_fkey:true odd \"tree\"_up_fkey:true "
                + "parent_partner:true "
                + "partner_parent_id_fkey:true", keys(target));

        post.run(script, TransferState.tables(plan));
        assertEquals(keys(source), keys(target));
        try (Connection t = target.open()) {
            assertEquals(script.all(), TransferScript.of(TransferState.withoutState(CatalogReader.read(t, true)),
                    false, false).all());
        }
    }

    @Test
    void aForeignKeyTheSourceNeverValidatedStaysUnvalidatedAndItsRowsTravel(TestDatabase source,
                                                                           TestDatabase target) {
        source.execute("""
                CREATE TABLE code (code text PRIMARY KEY);
                CREATE TABLE uses_code (code text);
                INSERT INTO code VALUES ('a');
                INSERT INTO uses_code VALUES ('a'), ('gone');
                ALTER TABLE uses_code ADD CONSTRAINT uses_code_code FOREIGN KEY (code) REFERENCES code NOT VALID;
                """);
        Transfer.Report report = new Transfer(source.spec(), target.spec(),
                new TransferOptions(2, Verify.CHECKSUMS, false, false, false, false, List.of(), 1 << 20, true),
                new QuietListener()).run();
        assertEquals(List.of(), report.mismatches());
        assertEquals(List.of(), report.schemaDifferences());
        assertEquals("uses_code_code:false", keys(target));
        assertEquals(2, target.queryLong("SELECT count(*) FROM uses_code"));
    }
}
