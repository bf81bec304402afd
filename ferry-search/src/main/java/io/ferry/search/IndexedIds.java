package io.ferry.search;

import java.io.IOException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CursorMarkParams;

/** Every dataset of one site the index holds, with its metadata_modified, read page by page with a cursor. */
final class IndexedIds {
    private static final int PAGE = 5_000;

    private IndexedIds() {
    }

    /** Dataset id → metadata_modified in milliseconds (null when the document has none). */
    static Map<String, Long> read(SolrTarget target, String siteId) {
        Map<String, Long> ids = new HashMap<>();
        SolrQuery query = new SolrQuery("*:*");
        query.addFilterQuery(siteFilter(siteId));
        query.setFields("id", "metadata_modified");
        query.setRows(PAGE);
        query.setSort("index_id", SolrQuery.ORDER.asc);
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        try {
            while (true) {
                query.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
                QueryResponse response = target.client().query(target.collection(), query);
                for (SolrDocument doc : response.getResults()) {
                    Object modified = doc.getFirstValue("metadata_modified");
                    ids.put(String.valueOf(doc.getFirstValue("id")),
                            modified instanceof Date d ? d.getTime() : null);
                }
                String next = response.getNextCursorMark();
                if (next.equals(cursor)) {
                    return ids;
                }
                cursor = next;
            }
        } catch (SolrServerException | IOException | SolrException e) {
            throw SolrErrors.failure("reading the indexed datasets", target, e);
        }
    }

    /** Matches one site's documents whatever characters the site id has. */
    static String siteFilter(String siteId) {
        return "{!term f=site_id}" + siteId;
    }
}
