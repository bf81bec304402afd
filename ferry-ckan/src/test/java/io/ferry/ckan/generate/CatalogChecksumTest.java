package io.ferry.ckan.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import io.ferry.transfer.Flips;
import io.ferry.transfer.RowHash;
import io.ferry.transfer.Transfer;
import io.ferry.transfer.TransferOptions;
import io.ferry.transfer.Verify;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A generated catalog's transfer verifies, and a value changed on the target afterwards is found, for
 * every column type of the catalog: one column of each type is changed in one row, and the checksum
 * finds it under the text hash and under the hash the transfer chose for the table.
 */
@ExtendWith(PostgresExtension.class)
class CatalogChecksumTest {
    /**
     * The types whose columns are all in tables the generator leaves empty: nothing to change (the
     * migra corpus's test changes values of both).
     */
    private static final Set<String> ONLY_IN_EMPTY_TABLES = Set.of("date", "double precision");

    @Test
    void aChangedValueIsFoundForEveryColumnTypeOfTheCatalog(TestDatabase source, TestDatabase target) throws Exception {
        CatalogGeneratorTest.generate(source, 40, 3);
        Transfer.Report report = new Transfer(source.spec(), target.spec(), new TransferOptions(2, Verify.CHECKSUMS,
                false, false, false, false, List.of(), 1 << 20, true), new Transfer.Listener() {
                    @Override
                    public void phase(String description) {
                    }

                    @Override
                    public void note(String line) {
                    }

                    @Override
                    public void chunkCopied(io.ferry.transfer.Chunk chunk, long rows, long bytes) {
                    }
                }).run();
        assertTrue(report.ok(), report.toString());

        Map<String, List<String[]>> byType = columnsByType(source);
        Map<String, RowHash> chosen = Flips.chosen(source, target,
                byType.values().stream().flatMap(List::stream).map(c -> c[0]).distinct().toList());
        assertTrue(chosen.containsValue(RowHash.RECORD), chosen.toString());
        List<String> problems = new ArrayList<>();
        List<String> flipped = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> type : byType.entrySet()) {
            boolean empty = type.getValue().stream().noneMatch(c -> hasRows(source, c));
            if (empty != ONLY_IN_EMPTY_TABLES.contains(type.getKey())) {
                problems.add(type.getKey() + (empty ? ": only in empty tables" : ": in a table with rows now"));
                continue;
            }
            String[] column = type.getValue().stream().filter(c -> variesIn(source, c)).findFirst().orElse(null);
            if (column != null) {
                problems.addAll(Flips.flip(source, target, column[0], column[1], chosen.get(column[0])));
                flipped.add(type.getKey() + " " + chosen.get(column[0]));
            } else if (!empty) {
                problems.add(type.getKey() + ": no column of this type with two different values to change");
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(byType.size() - ONLY_IN_EMPTY_TABLES.size(), flipped.size(), flipped.toString());
    }

    /**
     * Per column type of the catalog's tables, its columns outside any unique index (so one row can
     * take another's value) as {table, column}, both quoted (the table as a transfer names it).
     */
    private static Map<String, List<String[]>> columnsByType(TestDatabase db) throws SQLException {
        Map<String, List<String[]>> byType = new LinkedHashMap<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT format_type(a.atttypid, NULL),
                       '"' || replace(n.nspname, '"', '""') || '"."' || replace(r.relname, '"', '""') || '"',
                       quote_ident(a.attname)
                FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid JOIN pg_namespace n ON n.oid = r.relnamespace
                WHERE r.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                  AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'ferry')
                  AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = r.oid AND i.indisunique
                                  AND a.attnum = ANY (i.indkey))
                ORDER BY 1, r.reltuples DESC, 2, 3""")) {
            while (rs.next()) {
                byType.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                        .add(new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return byType;
    }

    private static boolean hasRows(TestDatabase db, String[] column) {
        return db.queryString("SELECT 1 FROM " + column[0] + " LIMIT 1") != null;
    }

    private static boolean variesIn(TestDatabase db, String[] column) {
        return "t".equals(db.queryString("SELECT count(DISTINCT v) > 1 FROM (SELECT " + column[1] + "::text AS v FROM "
                + column[0] + " LIMIT 200) s"));
    }
}
