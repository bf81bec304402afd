package io.ferry.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hundreds of tiny tables, as a CKAN DataStore holds them, move many to a transaction (rows, state,
 * checks, keys and indexes): after a crash every table is either whole and recorded or empty and not,
 * and a resumed run ends with every table identical to the source's.
 */
@ExtendWith(PostgresExtension.class)
class ManySmallTablesTest {
    private static final int TABLES = 300;

    /** {@code TABLES} tables of 0 to 6 rows with a key, a GIN index and a trigger, and one table split in chunks. */
    private static final String SOURCE = """
            CREATE FUNCTION fill_full_text() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
                NEW._full_text := coalesce(NEW._full_text, to_tsvector(coalesce(NEW.name, '')));
                RETURN NEW;
            END $f$;
            DO $d$
            DECLARE i int;
            BEGIN
                FOR i IN 1..%d LOOP
                    EXECUTE format('CREATE TABLE %%I (_id serial PRIMARY KEY, _full_text tsvector, name text, n numeric)',
                                   'res_' || i);
                    EXECUTE format('CREATE INDEX %%I ON %%I USING gin (_full_text)', 'res_' || i || '_ft', 'res_' || i);
                    EXECUTE format('CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON %%I FOR EACH ROW '
                                   'EXECUTE PROCEDURE fill_full_text()', 'res_' || i);
                    EXECUTE format('INSERT INTO %%I (name, n) SELECT ''row '' || g || '' of %%s'', g * 1.5 '
                                   'FROM generate_series(1, %%s) g', 'res_' || i, i, i %% 7);
                END LOOP;
            END $d$;
            CREATE TABLE big (id int PRIMARY KEY, payload text);
            INSERT INTO big SELECT g, repeat('x', 100) || g FROM generate_series(1, 4000) g;
            ANALYZE;
            """.formatted(TABLES);

    /** Per table: its rows' count and checksum, in name order. */
    private static final String FINGERPRINT = """
            SELECT string_agg(c.relname || '=' || (xpath('/row/f/text()', query_to_xml(format(
                       'SELECT count(*) || '':'' || coalesce(sum(hashtextextended(t::text, 0)), 0) AS f FROM %I t',
                       c.relname), false, true, '')))[1]::text, ' ' ORDER BY c.relname)
            FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'""";

    private static TransferOptions options(boolean resume) {
        return new TransferOptions(2, Verify.CHECKSUMS, resume, false, false, false, List.of(), 64 * 1024, true);
    }

    @Test
    void hundredsOfTinyTablesMoveVerifiedAndResumeTableByTable(TestDatabase source, TestDatabase target) {
        source.execute(SOURCE);
        assertThrows(IllegalStateException.class, () -> new Transfer(source.spec(), target.spec(), options(false),
                new QuietListener(120)).run());

        long tables = target.queryLong("SELECT count(DISTINCT table_name) FROM ferry.transfer_chunk");
        long recorded = target.queryLong("SELECT count(*) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL "
                + "AND chunks = 1");
        assertEquals(TABLES + 1, tables);
        assertTrue(recorded >= 50 && recorded < TABLES, "stopped midway: " + recorded + " whole tables recorded");
        // Each small table is in with its state row, or neither: a table recorded holds exactly its rows,
        // a table not recorded holds none.
        assertEquals("0", target.queryString("""
                SELECT count(*) FROM ferry.transfer_chunk s
                WHERE s.chunks = 1 AND s.copied_at IS NULL AND (xpath('/row/c/text()', query_to_xml(
                    'SELECT count(*) AS c FROM ' || s.table_name, false, true, '')))[1]::text::bigint > 0"""));
        assertEquals("0", target.queryString("""
                SELECT count(*) FROM ferry.transfer_chunk s
                WHERE s.chunks = 1 AND s.copied_at IS NOT NULL AND s.rows <> (xpath('/row/c/text()', query_to_xml(
                    'SELECT count(*) AS c FROM ' || s.table_name, false, true, '')))[1]::text::bigint"""));

        Transfer.Report report = new Transfer(source.spec(), target.spec(), options(true), new QuietListener()).run();
        assertTrue(report.resumed());
        assertEquals(List.of(), report.mismatches());
        assertEquals(List.of(), report.schemaDifferences());
        assertEquals(TABLES + 1, report.tables().size());
        assertEquals(source.queryString(FINGERPRINT), target.queryString(FINGERPRINT));
        assertEquals(source.queryString("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'"),
                target.queryString("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'"));
        assertEquals(String.valueOf(TABLES), target.queryString("SELECT count(*) FROM pg_trigger WHERE tgname = 'zfulltext'"));
    }
}
