package io.ferry.ckan.generate;

import io.ferry.sql.Identifiers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One DataStore table as CKAN's {@code datastore_create} makes it: named by its resource id, with
 * {@code _id} (serial primary key) and {@code _full_text} (tsvector) before the user columns, each
 * column's data dictionary entry as a comment, the {@code zfulltext} trigger, a full-text index on
 * {@code _full_text} and on every text column, and its alias (a view) if it has one.
 *
 * @param resourceId the resource the table belongs to, which is also its name
 * @param dataset    the number of the dataset whose resource it is
 * @param shape      what its columns look like
 * @param columns    the user columns
 * @param rows       how many rows it gets
 * @param alias      the name of its alias view, or null
 * @param dictionary whether its columns carry data dictionary comments
 * @param key        the number its row values are drawn under
 */
record DataStoreTable(String resourceId, int dataset, DataStoreShape shape, List<DataStoreShape.Column> columns,
                      long rows, String alias, boolean dictionary, long key) {
    /** CKAN's {@code ckan.datastore.default_fts_lang}. */
    static final String FTS_LANGUAGE = "english";

    DataStoreTable {
        columns = List.copyOf(columns);
    }

    String name() {
        return Identifiers.quote(resourceId);
    }

    /** CREATE TABLE, the column comments and the trigger: what exists before the first row arrives. */
    List<String> create() {
        List<String> sql = new ArrayList<>();
        StringBuilder b = new StringBuilder("CREATE TABLE ").append(name())
                .append(" (\"_id\" serial PRIMARY KEY, \"_full_text\" tsvector");
        for (DataStoreShape.Column column : columns) {
            b.append(", ").append(Identifiers.quote(column.name())).append(' ').append(column.type());
        }
        sql.add(b.append(')').toString());
        if (dictionary) {
            for (DataStoreShape.Column column : columns) {
                // CKAN writes the column's info as compact JSON after one space (its "data version").
                String info = " {\"_info\":{\"label\":" + Words.json(column.name()) + ",\"notes\":\"\",\"type_override\":\"\"}}";
                sql.add("COMMENT ON COLUMN " + name() + "." + Identifiers.quote(column.name()) + " IS "
                        + Identifiers.literal(info));
            }
        }
        sql.add("CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON " + name()
                + " FOR EACH ROW EXECUTE PROCEDURE populate_full_text_trigger()");
        return sql;
    }

    /**
     * The full-text indexes (GIN, as on a site with {@code ckan.datastore.default_fts_index_method = gin};
     * CKAN's default is GiST), named as CKAN names them, and the alias.
     */
    List<String> finish() {
        List<String> sql = new ArrayList<>();
        sql.add(index("\"_full_text\""));
        for (DataStoreShape.Column column : columns) {
            if (column.type().equals("text")) {
                sql.add(index("to_tsvector('" + FTS_LANGUAGE + "', " + Identifiers.quote(column.name()) + ")"));
            }
        }
        if (alias != null) {
            sql.add("CREATE VIEW " + Identifiers.quote(alias) + " AS SELECT * FROM " + name());
        }
        return sql;
    }

    private String index(String expression) {
        return "CREATE INDEX " + Identifiers.quote(sha1(resourceId + expression)) + " ON " + name()
                + " USING gin(" + expression + ")";
    }

    String[] copyColumns() {
        return columns.stream().map(c -> Identifiers.quote(c.name())).toArray(String[]::new);
    }

    /** Writes the rows; the trigger fills {@code _full_text} as each arrives. */
    void writeRows(long seed, CopyStream out) {
        Rng rng = new Rng(seed, Ids.DATASTORE, key, 1);
        for (long row = 1; row <= rows; row++) {
            for (DataStoreShape.Column column : columns) {
                column.value().write(rng, row, out);
            }
            out.end();
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
