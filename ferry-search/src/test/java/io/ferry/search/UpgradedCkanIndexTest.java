package io.ferry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.CkanSchemas;
import io.ferry.ckan.check.CkanVersion;
import io.ferry.ckan.generate.CatalogGenerator;
import io.ferry.ckan.generate.GenerateOptions;
import io.ferry.ckan.generate.HarvestShape;
import io.ferry.test.PostgresExtension;
import io.ferry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated catalog, migrated to CKAN 2.8 and then on with core steps to 2.9 (100),
 * 2.10 (104) and 2.11 (105), indexed at each release into an embedded Solr core with CKAN 2.11's own
 * schema.xml. A few datasets' documents are read back and compared, field by field, with what CKAN
 * of that release writes, each expected value read from the tables by its own query.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradedCkanIndexTest {
    static final String SITE = "default";
    static final ObjectMapper JSON = new ObjectMapper();
    static TestDatabase db;
    /** A private dataset of an organization, and one whose organization was taken away (CKAN labels it by creator). */
    static String privateId;
    static String creatorId;
    /** A dataset whose state is empty: CKAN indexes it from 2.10 on. */
    static String emptyStateId;

    @BeforeAll
    static void catalog() {
        db = PostgresExtension.newDatabase("upgraded_index");
        CatalogGenerator.generate(db.spec(), new GenerateOptions(150, 11, HarvestShape.DGU, 2), line -> {
        });
        CkanSchemas.migrateCore(db, 86);
        // What a site settles before CKAN 2.10's migration 102: no two active users share an e-mail.
        db.execute("UPDATE \"user\" SET email = id || '@example.org' WHERE state = 'active' AND email IN "
                + "(SELECT email FROM \"user\" WHERE state = 'active' GROUP BY email HAVING count(*) > 1)");
        String[] three = db.queryString("SELECT string_agg(id, ',' ORDER BY id) FROM (SELECT id FROM package "
                + "WHERE state = 'active' AND owner_org IS NOT NULL AND EXISTS (SELECT 1 FROM resource r "
                + "WHERE r.package_id = package.id AND r.state = 'active') ORDER BY md5(id) LIMIT 3) AS p").split(",");
        db.execute("UPDATE package SET private = true WHERE id IN ('" + three[0] + "', '" + three[1] + "')");
        db.execute("UPDATE package SET owner_org = NULL WHERE id = '" + three[1] + "'");
        db.execute("UPDATE package SET state = '' WHERE id = '" + three[2] + "'");
        privateId = three[0];
        creatorId = three[1];
        emptyStateId = three[2];
        // A year alone in a *_date extra: dateutil fills month and day from 1 January (2.9) or today (2.10 on).
        db.execute("INSERT INTO package_extra (id, package_id, key, value, state) VALUES ('ferry-test-extra', '"
                + privateId + "', 'release_date', '2012', 'active')");
        // A URL without a scheme, which CKAN's dictization gives "http://".
        db.execute("UPDATE resource SET url = '//data.example.org/' || id || '.csv', url_type = NULL WHERE id = "
                + "(SELECT min(id) FROM resource WHERE package_id = '" + privateId + "' AND state = 'active')");
    }

    @Test
    @Order(1)
    void aSchemaWithoutRevisionIdRefusesCkan28DocumentsOnly(@TempDir Path dir) throws Exception {
        try (SolrTarget solr = SolrTarget.embedded(homeWithoutRevisionId(dir.resolve("2.8")))) {
            FerryException e = assertThrows(FerryException.class, () -> reindex(solr));
            assertEquals(ErrorCode.CONFIGURATION, e.code());
            assertTrue(e.getMessage().contains("lacks revision_id (fields of CKAN 2.8's documents)"), e.getMessage());
            assertEquals(0, solr.client().query(solr.collection(), new SolrQuery("*:*")).getResults().getNumFound());
        }
        CkanSchemas.migrateCore(db, 100);
        try (SolrTarget solr = SolrTarget.embedded(homeWithoutRevisionId(dir.resolve("2.9")))) {
            assertEquals(indexable(CkanVersion.V2_9), reindex(solr).indexed());
        }
    }

    /** CKAN 2.11's schema.xml without the revision_id field. */
    static Path homeWithoutRevisionId(Path home) throws Exception {
        Catalogs.homeWithCkanSchema(home);
        Path schema = home.resolve(EmbeddedSolr.CORE).resolve("conf").resolve("schema.xml");
        String without = Files.readString(schema).replaceAll("(?m)^\\s*<field name=\"revision_id\"[^>]*/>\\s*$", "");
        assertFalse(without.contains("\"revision_id\""));
        Files.writeString(schema, without);
        return home;
    }

    @Test
    @Order(2)
    void eachReleaseIndexesItsDatasetsAsItsCkanDoes(@TempDir Path dir) throws Exception {
        int[] steps = {100, 104, 105};
        CkanVersion[] versions = {CkanVersion.V2_9, CkanVersion.V2_10, CkanVersion.V2_11};
        for (int i = 0; i < steps.length; i++) {
            CkanSchemas.migrateCore(db, steps[i]);
            CkanVersion version = versions[i];
            try (Connection c = db.open()) {
                assertEquals(version, CkanVersion.of(c));
            }
            try (SolrTarget solr = SolrTarget.embedded(Catalogs.homeWithCkanSchema(dir.resolve(version.label())))) {
                Reindex.Result result = reindex(solr);
                assertEquals(indexable(version), result.datasets(), version.label());
                assertEquals(indexable(version), result.indexed(), version.label());
                assertEquals(indexable(version), count(solr, "site_id:" + SITE), version.label());
                assertEquals(version.atLeast(CkanVersion.V2_10) ? 1 : 0, count(solr, "id:\"" + emptyStateId + "\""),
                        version.label());
                assertTrue(IndexVerify.run(db.spec(), solr, SITE).clean(), version.label());
                for (String id : sample()) {
                    checkDocument(solr, id, version);
                }
                checkVocabularies(solr);
                checkYearOnlyDate(solr, version);
                checkPermissionLabels(solr, version);
                // Tracking counts come from core up to 2.10, from the tracking plugin in 2.11.
                assertEquals(version.atLeast(CkanVersion.V2_11) ? 0 : indexable(version),
                        count(solr, "views_total:[0 TO *]"), version.label());
            }
        }
    }

    /** The dataset with the most resources, tags and extras, a vocabulary-tagged one, and the two private ones. */
    static List<String> sample() {
        List<String> ids = new ArrayList<>(List.of(privateId, creatorId));
        ids.add(db.queryString("""
                SELECT p.id FROM package p WHERE p.state = 'active' AND NOT p.private
                ORDER BY (SELECT count(*) FROM resource r WHERE r.package_id = p.id AND r.state = 'active')
                       + (SELECT count(*) FROM package_tag pt WHERE pt.package_id = p.id AND pt.state = 'active')
                       + (SELECT count(*) FROM package_extra e WHERE e.package_id = p.id AND e.state = 'active') DESC,
                         p.id LIMIT 1"""));
        ids.add(db.queryString("""
                SELECT pt.package_id FROM package_tag pt JOIN tag t ON t.id = pt.tag_id
                JOIN package p ON p.id = pt.package_id
                WHERE t.vocabulary_id IS NOT NULL AND pt.state = 'active' AND p.state = 'active'
                ORDER BY pt.package_id LIMIT 1"""));
        return ids;
    }

    static void checkDocument(SolrTarget solr, String id, CkanVersion version) throws Exception {
        String at = version.label() + " " + id;
        SolrQuery q = new SolrQuery("id:\"" + id + "\"");
        q.setFields("*");
        List<SolrDocument> found = solr.client().query(solr.collection(), q).getResults();
        assertEquals(1, found.size(), at);
        SolrDocument doc = found.get(0);
        ObjectNode dict = (ObjectNode) JSON.readTree((String) doc.getFirstValue("data_dict"));
        Map<String, Object> row = row("SELECT * FROM package WHERE id = '" + id + "'");

        // package_show's own columns: revision_id only at 2.8 (none of these releases), no plugin_data.
        for (String column : List.of("name", "notes", "url", "version", "author", "author_email", "maintainer",
                "maintainer_email", "license_id", "owner_org", "creator_user_id", "state")) {
            assertEquals(row.get(column), dict.path(column).isNull() ? null : dict.path(column).asText(),
                    at + " " + column);
        }
        assertEquals(((String) row.get("title")).strip(), dict.path("title").asText(), at);
        assertEquals(row.get("private"), dict.path("private").asBoolean(), at);
        for (String column : List.of("metadata_modified", "metadata_created")) {
            assertEquals(isoformat((LocalDateTime) row.get(column)), dict.path(column).asText(), at + " " + column);
        }
        assertFalse(dict.has("revision_id") || doc.containsKey("revision_id"), at);
        assertFalse(dict.has("plugin_data"), at);
        assertEquals(date((LocalDateTime) row.get("metadata_modified")), doc.getFirstValue("metadata_modified"), at);

        // Resources: active ones by position, with metadata_modified (2.9's 094) and without webstore columns.
        List<Map<String, Object>> resources = rows("SELECT id, url, format, metadata_modified FROM resource "
                + "WHERE package_id = '" + id + "' AND state = 'active' ORDER BY position");
        assertEquals(resources.size(), dict.path("resources").size(), at);
        assertEquals(resources.size(), dict.path("num_resources").asInt(), at);
        List<Object> formats = new ArrayList<>();
        List<Object> urls = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            JsonNode r = dict.path("resources").get(i);
            assertEquals(resources.get(i).get("id"), r.path("id").asText(), at);
            String url = (String) resources.get(i).get("url");
            String shown = url.isEmpty() || url.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") ? url
                    : "http://" + url.replaceAll("^/+", "");
            assertEquals(shown, r.path("url").asText(), at);
            if (!shown.isEmpty()) {
                urls.add(shown);
            }
            Object modified = resources.get(i).get("metadata_modified");
            assertEquals(modified == null ? null : isoformat((LocalDateTime) modified),
                    r.path("metadata_modified").isNull() ? null : r.path("metadata_modified").asText(), at);
            assertFalse(r.has("revision_id") || r.has("webstore_url") || r.has("webstore_last_updated"), at);
            Object format = resources.get(i).get("format");
            if (format != null && !format.equals("")) {
                formats.add(format);
            }
        }
        assertEquals(formats, values(doc, "res_format"), at);
        assertEquals(urls, values(doc, "res_url"), at);

        // Extras: active ones by key (Python's order), each as extras_<key> too.
        List<Map<String, Object>> extras = rows("SELECT key, value FROM package_extra WHERE package_id = '" + id
                + "' AND state = 'active' ORDER BY key COLLATE \"C\"");
        assertEquals(extras.size(), dict.path("extras").size(), at);
        for (int i = 0; i < extras.size(); i++) {
            JsonNode e = dict.path("extras").get(i);
            assertEquals(extras.get(i).get("key"), e.path("key").asText(), at);
            assertEquals(extras.get(i).get("value"), e.path("value").asText(), at);
            assertFalse(e.has("revision_id"), at);
            String key = CkanDocument.cleanKey((String) extras.get(i).get("key"));
            Object value = extras.get(i).get("value");
            if (!key.endsWith("_date") && value != null && !value.equals("")) {
                assertEquals(value, doc.getFirstValue("extras_" + key), at + " " + key);
            }
        }

        // Tags: all active ones in the dict (vocabulary tags too); only free ones in "tags".
        assertEquals(column("SELECT t.name FROM package_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.package_id = '"
                + id + "' AND pt.state = 'active' ORDER BY t.name COLLATE \"C\""), names(dict.path("tags")), at);
        assertEquals(dict.path("tags").size(), dict.path("num_tags").asInt(), at);
        assertEquals(column("SELECT t.name FROM package_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.package_id = '"
                + id + "' AND pt.state = 'active' AND t.vocabulary_id IS NULL ORDER BY t.name COLLATE \"C\""),
                values(doc, "tags"), at);

        // Groups and organization.
        List<Object> groups = column("SELECT g.name FROM member m JOIN \"group\" g ON g.id = m.group_id "
                + "WHERE m.table_id = '" + id + "' AND m.state = 'active' AND NOT g.is_organization "
                + "ORDER BY coalesce(nullif(g.title, ''), g.name) COLLATE \"C\"");
        assertEquals(groups, names(dict.path("groups")), at);
        assertEquals(groups, values(doc, "groups"), at);
        for (JsonNode g : dict.path("groups")) {
            assertEquals(version.atLeast(CkanVersion.V2_11), g.has("member_count"), at);
        }
        List<Object> org = column("SELECT o.name FROM package p JOIN \"group\" o ON o.id = p.owner_org "
                + "WHERE p.id = '" + id + "' AND o.state = 'active'");
        assertEquals(org.isEmpty() ? null : org.get(0), doc.getFirstValue("organization"), at);
        assertEquals(org.isEmpty() ? null : org.get(0), dict.path("organization").isNull() ? null
                : dict.path("organization").path("name").asText(), at);
        assertEquals(Boolean.TRUE.equals(row.get("private")) ? "private" : "public", doc.getFirstValue("capacity"), at);

        // 2.10 serializes the dict after adding validated_data_dict to it.
        String validated = (String) doc.getFirstValue("validated_data_dict");
        if (version.atLeast(CkanVersion.V2_10)) {
            assertEquals(validated, dict.path("validated_data_dict").asText(), at);
        } else {
            assertFalse(dict.has("validated_data_dict"), at);
        }
        dict.remove("validated_data_dict");
        assertEquals(dict, JSON.readTree(validated), at);
    }

    static void checkYearOnlyDate(SolrTarget solr, CkanVersion version) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate expected = version.atLeast(CkanVersion.V2_10)
                ? YearMonth.of(2012, today.getMonth()).atDay(Math.min(today.getDayOfMonth(),
                        YearMonth.of(2012, today.getMonth()).lengthOfMonth()))
                : LocalDate.of(2012, 1, 1);
        SolrQuery q = new SolrQuery("id:\"" + privateId + "\"");
        q.setFields("release_date", "extras_release_date");
        SolrDocument doc = solr.client().query(solr.collection(), q).getResults().get(0);
        Date date = Date.from(expected.atStartOfDay(ZoneOffset.UTC).toInstant());
        assertEquals(date, doc.getFirstValue("release_date"), version.label());
        // extras_* is a text field in CKAN's schema (the longer dynamic pattern wins): CKAN's string.
        assertEquals(date.toInstant().toString(), doc.getFirstValue("extras_release_date"), version.label());
    }

    static void checkVocabularies(SolrTarget solr) throws Exception {
        Map<String, Long> expected = new HashMap<>();
        for (Map<String, Object> r : rows("""
                SELECT v.name AS vocabulary, t.name AS tag, count(DISTINCT p.id) AS n FROM package p
                JOIN package_tag pt ON pt.package_id = p.id JOIN tag t ON t.id = pt.tag_id
                JOIN vocabulary v ON v.id = t.vocabulary_id
                WHERE pt.state = 'active' AND p.state NOT IN ('', 'deleted') AND p.id <> '%s'
                GROUP BY 1, 2""".formatted(emptyStateId))) {
            expected.put(r.get("vocabulary") + ":" + r.get("tag"), (Long) r.get("n"));
        }
        assertFalse(expected.isEmpty(), "the catalog has vocabulary tags");
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            String[] tag = e.getKey().split(":", 2);
            assertEquals(e.getValue(), count(solr, "+vocab_" + tag[0] + ":\"" + tag[1] + "\" -id:\"" + emptyStateId
                    + "\""), e.getKey());
        }
    }

    /** permission_labels is indexed, not stored: searched as CKAN's package_search filters on it. */
    static void checkPermissionLabels(SolrTarget solr, CkanVersion version) throws Exception {
        String at = version.label();
        String org = db.queryString("SELECT owner_org FROM package WHERE id = '" + privateId + "'");
        String creator = db.queryString("SELECT creator_user_id FROM package WHERE id = '" + creatorId + "'");
        assertEquals(1, count(solr, "+id:\"" + privateId + "\" +permission_labels:\"member-" + org + "\""), at);
        assertEquals(0, count(solr, "+id:\"" + privateId + "\" +permission_labels:public"), at);
        assertEquals(1, count(solr, "+id:\"" + creatorId + "\" +permission_labels:\"creator-" + creator + "\""), at);
        assertEquals(db.queryLong("SELECT count(*) FROM package WHERE state = 'active' AND NOT private"),
                count(solr, "permission_labels:public"), at);
        assertEquals(db.queryLong("SELECT count(*) FROM package WHERE state <> 'deleted' "
                + (version.atLeast(CkanVersion.V2_10) ? "" : "AND state <> '' ")
                + "AND NOT (state = 'active' AND NOT private) AND owner_org = '" + org + "'"),
                count(solr, "permission_labels:\"member-" + org + "\""), at);
    }

    static Reindex.Result reindex(SolrTarget solr) {
        return Reindex.run(db.spec(), solr, new ReindexOptions(SITE, false, false, 2, 40), ReindexListener.NONE);
    }

    /** What CKAN's rebuild indexes: not deleted, and up to 2.9 not with an empty state either. */
    static long indexable(CkanVersion version) {
        return db.queryLong("SELECT count(*) FROM package WHERE state <> 'deleted'"
                + (version.atLeast(CkanVersion.V2_10) ? "" : " AND state <> ''"));
    }

    static long count(SolrTarget solr, String fq) throws Exception {
        SolrQuery q = new SolrQuery("*:*");
        q.addFilterQuery(fq);
        q.setRows(0);
        return solr.client().query(solr.collection(), q).getResults().getNumFound();
    }

    /** Python's datetime.isoformat(), written independently of the code under test. */
    static String isoformat(LocalDateTime t) {
        String s = String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
        return t.getNano() == 0 ? s : s + String.format(".%06d", t.getNano() / 1000);
    }

    static Date date(LocalDateTime t) {
        // Solr keeps milliseconds.
        return new Date(t.toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    static List<Object> values(SolrDocument doc, String field) {
        Collection<Object> v = doc.getFieldValues(field);
        return v == null ? List.of() : new ArrayList<>(v);
    }

    static List<Object> names(JsonNode list) {
        List<Object> names = new ArrayList<>();
        list.forEach(n -> names.add(n.path("name").asText()));
        return names;
    }

    static Map<String, Object> row(String sql) throws Exception {
        List<Map<String, Object>> rows = rows(sql);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    static List<Object> column(String sql) throws Exception {
        List<Object> values = new ArrayList<>();
        rows(sql).forEach(r -> values.add(r.values().iterator().next()));
        return values;
    }

    static List<Map<String, Object>> rows(String sql) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = md.getColumnTypeName(i).startsWith("timestamp")
                            ? rs.getObject(i, LocalDateTime.class) : rs.getObject(i);
                    row.put(md.getColumnLabel(i), v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    @Order(3)
    void aReleaseAfter211IsRefusedByName() {
        TestDatabase later = PostgresExtension.newDatabase("later_ckan");
        later.execute("CREATE TABLE package (id text PRIMARY KEY, name text, state text);"
                + "CREATE TABLE resource (id text PRIMARY KEY, package_id text);"
                + "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL);"
                + "INSERT INTO alembic_version VALUES ('abcdef012345')");
        FerryException e = assertThrows(FerryException.class, () -> Reindex.checkDatabase(later.spec()));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        assertTrue(e.getMessage().contains("abcdef012345") && e.getMessage().contains("2.8 to 2.11"), e.getMessage());
    }
}
