package io.ferry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated and migrated catalog indexed by Ferry into an embedded Solr core that uses CKAN's
 * real schema.xml, then searched the way CKAN searches: every answer checked against SQL.
 */
class CkanIndexTest {
    static final String SITE = "data.gov.uk";
    static final String PUBLIC = "+site_id:\"" + SITE + "\" +capacity:public";

    static TestDatabase db;

    @BeforeAll
    static void catalog() {
        db = Catalogs.migrated("ckan_index", 300);
    }

    @Test
    void ckanStyleQueriesMatchTheDatabase(@TempDir Path home) throws Exception {
        try (SolrTarget solr = SolrTarget.embedded(Catalogs.homeWithCkanSchema(home))) {
            Reindex.Result result = Reindex.run(db.spec(), solr, new ReindexOptions(SITE, false, false, 2, 50),
                    ReindexListener.NONE);
            long indexable = db.queryLong("SELECT count(*) FROM package WHERE state NOT IN ('', 'deleted')");
            assertEquals(indexable, result.datasets());
            assertEquals(indexable, result.indexed());
            assertTrue(db.queryLong("SELECT count(*) FROM package WHERE state = 'deleted'") > 0,
                    "the generated catalog has deleted datasets");

            // package_search's default: public, active datasets of this site.
            QueryResponse all = query(solr, "*:*", PUBLIC + " +state:active", "organization", "tags", "res_format");
            assertEquals(db.queryLong("SELECT count(*) FROM package WHERE state = 'active' AND NOT private"),
                    all.getResults().getNumFound());
            assertEquals(sqlFacet("""
                    SELECT o.name, count(*) FROM package p JOIN "group" o ON o.id = p.owner_org
                    WHERE p.state = 'active' AND NOT p.private GROUP BY o.name"""), facet(all, "organization"));
            assertEquals(sqlFacet("""
                    SELECT t.name, count(DISTINCT p.id) FROM package p JOIN package_tag pt ON pt.package_id = p.id
                    JOIN tag t ON t.id = pt.tag_id WHERE pt.state = 'active' AND t.vocabulary_id IS NULL
                    AND p.state = 'active' AND NOT p.private GROUP BY t.name"""), facet(all, "tags"));
            // A vocabulary's tags go to vocab_NAME, which CKAN filters on (fq=vocab_country:wales).
            Map<String, Long> vocabularyTags = sqlFacet("""
                    SELECT v.name || ':' || t.name, count(DISTINCT p.id) FROM package p
                    JOIN package_tag pt ON pt.package_id = p.id JOIN tag t ON t.id = pt.tag_id
                    JOIN vocabulary v ON v.id = t.vocabulary_id WHERE pt.state = 'active'
                    AND p.state = 'active' AND NOT p.private GROUP BY 1""");
            assertTrue(vocabularyTags.keySet().stream().map(k -> k.split(":")[0]).distinct().count() > 1,
                    "the catalog has tags of several vocabularies: " + vocabularyTags);
            for (Map.Entry<String, Long> e : vocabularyTags.entrySet()) {
                String[] tag = e.getKey().split(":");
                String fq = PUBLIC + " +state:active +vocab_" + tag[0] + ":\"" + tag[1] + "\"";
                assertEquals(e.getValue(), query(solr, "*:*", fq).getResults().getNumFound(), e.getKey());
            }
            // Empty formats are not sent (pysolr, which CKAN sends through, leaves out empty strings).
            assertEquals(sqlFacet("""
                    SELECT r.format, count(DISTINCT p.id) FROM package p
                    JOIN resource r ON r.package_id = p.id
                    WHERE r.state = 'active' AND p.state = 'active' AND NOT p.private AND r.format <> ''
                    GROUP BY r.format"""), facet(all, "res_format"));

            // Deleted datasets are not indexed; private ones are, as capacity=private.
            assertEquals(0, query(solr, "state:deleted", "").getResults().getNumFound());
            assertEquals(db.queryLong("SELECT count(*) FROM package WHERE private AND state NOT IN ('', 'deleted')"),
                    query(solr, "*:*", "+site_id:\"" + SITE + "\" +capacity:private").getResults().getNumFound());
            assertEquals(db.queryLong("SELECT count(*) FROM package WHERE state = 'draft'"),
                    query(solr, "state:draft", "").getResults().getNumFound());

            // Free text: a dataset's title words find it through the "text" copy field.
            String name = db.queryString("SELECT name FROM package WHERE state = 'active' AND NOT private "
                    + "AND title ~ '^[A-Za-z ]+$' ORDER BY name LIMIT 1");
            String title = db.queryString("SELECT title FROM package WHERE name = '" + name + "'");
            QueryResponse byTitle = query(solr, title, PUBLIC + " +name:\"" + name + "\"");
            assertEquals(1, byTitle.getResults().getNumFound(), "q=" + title);

            // The stored dict is package_show's: its resources, tags and extras match the tables.
            SolrDocument doc = query(solr, "name:\"" + name + "\"", "").getResults().get(0);
            JsonNode dict = new ObjectMapper().readTree((String) doc.getFirstValue("data_dict"));
            String id = dict.path("id").asText();
            assertEquals(CkanDocument.indexId(id, SITE), doc.getFirstValue("index_id"));
            assertEquals(db.queryLong("SELECT count(*) FROM resource WHERE state = 'active' AND package_id = '"
                    + id + "'"), dict.path("resources").size());
            assertEquals(db.queryLong("SELECT count(*) FROM package_extra WHERE state = 'active' AND package_id = '"
                    + id + "'"), dict.path("extras").size());
            assertEquals(dict.path("organization").path("name").asText(), doc.getFirstValue("organization"));
            assertEquals("package", doc.getFirstValue("entity_type"));
            assertEquals(dict.toString(), new ObjectMapper().readTree(
                    (String) doc.getFirstValue("validated_data_dict")).toString());
            for (JsonNode extra : dict.path("extras")) {
                String key = CkanDocument.cleanKey(extra.path("key").asText());
                if (!key.endsWith("_date")) {
                    assertEquals(extra.path("value").asText(), doc.getFirstValue("extras_" + key), key);
                }
            }
            // permission_labels is indexed, not stored: search it as CKAN does.
            assertEquals(all.getResults().getNumFound(),
                    query(solr, "*:*", PUBLIC + " +state:active +permission_labels:public").getResults().getNumFound());
        }
    }

    static QueryResponse query(SolrTarget solr, String q, String fq, String... facets) throws Exception {
        SolrQuery query = new SolrQuery(q);
        if (!fq.isEmpty()) {
            query.addFilterQuery(fq);
        }
        query.setRows(10);
        if (facets.length > 0) {
            query.setFacet(true);
            query.setFacetLimit(-1);
            query.setFacetMinCount(1);
            query.addFacetField(facets);
        }
        return solr.client().query(solr.collection(), query);
    }

    static Map<String, Long> facet(QueryResponse response, String field) {
        Map<String, Long> counts = new HashMap<>();
        FacetField f = response.getFacetField(field);
        for (FacetField.Count c : f.getValues()) {
            counts.put(c.getName(), c.getCount());
        }
        assertFalse(counts.isEmpty(), "facet " + field + " is empty");
        return counts;
    }

    static Map<String, Long> sqlFacet(String sql) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }
}
