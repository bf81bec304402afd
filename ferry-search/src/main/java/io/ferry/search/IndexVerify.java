package io.ferry.search;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.check.CkanVersion;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ferry reindex --verify}: compares the datasets CKAN indexes (every state but deleted) with
 * one site's documents by id and metadata_modified (to the millisecond Solr keeps).
 */
public final class IndexVerify {
    /** Up to this many ids of each kind are listed; the counts are complete. */
    public static final int SAMPLE = 20;

    /**
     * @param missing datasets the index lacks; {@code extra}: documents of datasets the database does
     *                not index (deleted or gone); {@code stale}: documents older or newer than the dataset
     */
    public record Report(long database, long index, long missingCount, List<String> missing, long extraCount,
                         List<String> extra, long staleCount, List<String> stale) {
        public boolean clean() {
            return missingCount == 0 && extraCount == 0 && staleCount == 0;
        }
    }

    private IndexVerify() {
    }

    public static Report run(ConnectionSpec db, SolrTarget target, String siteId) {
        CkanVersion version;
        try (Connection c = db.open()) {
            version = CkanVersion.of(c);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "reindex --verify: " + SqlErrors.describe(e), e);
        }
        SchemaCheck.require(target, version);
        Map<String, Long> indexed = IndexedIds.read(target, siteId);
        long indexSize = indexed.size();
        long database = 0;
        long missingCount = 0;
        long staleCount = 0;
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(10_000);
                try (ResultSet rs = st.executeQuery(DatasetQuery.ids(version))) {
                    while (rs.next()) {
                        database++;
                        String id = rs.getString(1);
                        LocalDateTime modified = rs.getObject(2, LocalDateTime.class);
                        Long expected = modified == null ? null : CkanDocument.date(modified).getTime();
                        if (!indexed.containsKey(id)) {
                            missingCount++;
                            sample(missing, id);
                        } else if (!Objects.equals(indexed.remove(id), expected)) {
                            staleCount++;
                            sample(stale, id);
                        }
                    }
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "reindex --verify: " + SqlErrors.describe(e), e);
        }
        List<String> extra = indexed.keySet().stream().sorted().limit(SAMPLE).toList();
        return new Report(database, indexSize, missingCount, List.copyOf(missing), indexed.size(), extra,
                staleCount, List.copyOf(stale));
    }

    private static void sample(List<String> list, String id) {
        if (list.size() < SAMPLE) {
            list.add(id);
        }
    }
}
