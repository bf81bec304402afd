package io.ferry.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.check.CkanVersion;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Date;
import java.util.function.Consumer;
import org.apache.solr.common.SolrInputDocument;

/**
 * CKAN's search documents of a database without a Solr to send them to: for tools that store or
 * compare them, and for measuring how fast Solr alone ingests what {@link Reindex} builds.
 */
public final class SearchDocuments {
    private SearchDocuments() {
    }

    /** Builds every indexed dataset's document on one connection, in id order; returns how many. */
    public static long forEach(ConnectionSpec db, String siteId, Consumer<SolrInputDocument> each) {
        DatasetQuery.Range all = new DatasetQuery.Range(null, null);
        long count = 0;
        try (Connection c = db.open()) {
            CkanTables tables = CkanTables.read(c, CkanVersion.of(c));
            CkanDocument builder = new CkanDocument(new ObjectMapper(), siteId, new Date(), tables);
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement(DatasetQuery.sql(tables, all) + " ORDER BY p.id")) {
                st.setFetchSize(1_000);
                DatasetQuery.bind(st, tables, all);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        each.accept(builder.build(rs).doc());
                        count++;
                    }
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "search documents: " + SqlErrors.describe(e), e);
        }
        return count;
    }
}
