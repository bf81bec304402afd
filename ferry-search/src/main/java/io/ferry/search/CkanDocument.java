package io.ferry.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.solr.common.SolrInputDocument;

/**
 * Builds CKAN's search document for one dataset row of {@link DatasetQuery}, the way CKAN 2.8's
 * {@code index_package} builds it from {@code package_show}'s dict: the dict itself as JSON
 * ({@code data_dict}), its flat fields, extras as {@code extras_<key>} and bare {@code <key>}, free
 * tags and vocabulary tags, group and organization names, one list entry per resource, capacity and
 * permission labels, and the identity fields {@code site_id} and {@code index_id}.
 *
 * <p>Ferry runs no CKAN plugins, so {@code validated_data_dict} is the same JSON as {@code data_dict}
 * and the licence title (from CKAN's licence register, not the database) is not filled in.
 */
final class CkanDocument {
    /** A built document, with what was wrong in the row (it is indexed all the same). */
    record Built(String id, SolrInputDocument doc, List<String> problems) {
    }

    /** Fields of CKAN's schema: an extra with one of these names is indexed only as {@code extras_<key>}. */
    static final Set<String> SCHEMA_FIELDS = Set.of("index_id", "id", "site_id", "title", "title_ngram",
            "entity_type", "dataset_type", "state", "name", "name_ngram", "revision_id", "version", "url", "ckan_url",
            "download_url", "notes", "author", "author_email", "maintainer", "maintainer_email", "license",
            "license_id", "tags", "groups", "organization", "capacity", "permission_labels", "res_name",
            "res_description", "res_format", "res_url", "res_type", "text", "urls", "depends_on", "dependency_of",
            "derives_from", "has_derivation", "links_to", "linked_from", "child_of", "parent_of", "views_total",
            "views_recent", "resources_accessed_total", "resources_accessed_recent", "metadata_created",
            "metadata_modified", "indexed_ts", "title_string", "data_dict", "validated_data_dict", "_version_");

    /** Columns of the package row, in the order package_show lists them. */
    private static final String[] COLUMNS = {"author", "author_email", "creator_user_id", "id", "license_id",
        "maintainer", "maintainer_email", "metadata_created", "metadata_modified", "name", "notes", "owner_org",
        "private", "revision_id", "state", "title", "type", "url", "version"};

    private static final DateTimeFormatter CKAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss",
            Locale.ROOT);
    private static final DateTimeFormatter CKAN_TIME_MICROS = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSSSS", Locale.ROOT);

    private final ObjectMapper json;
    private final String siteId;
    private final Date indexedAt;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    CkanDocument(ObjectMapper json, String siteId, Date indexedAt) {
        this.json = json;
        this.siteId = siteId;
        this.indexedAt = indexedAt;
    }

    /** The document CKAN would index for the current row. */
    Built build(ResultSet rs) throws SQLException {
        List<String> problems = new ArrayList<>();
        String id = rs.getString("id");
        String name = rs.getString("name");
        String label = "dataset " + name + " (" + id + ")";
        ObjectNode dict = nodes.objectNode();
        LocalDateTime created = rs.getObject("metadata_created", LocalDateTime.class);
        LocalDateTime modified = rs.getObject("metadata_modified", LocalDateTime.class);
        for (String column : COLUMNS) {
            switch (column) {
                case "metadata_created" -> dict.put(column, ckanTime(created));
                case "metadata_modified" -> dict.put(column, ckanTime(modified));
                case "private" -> dict.put(column, rs.getBoolean("private"));
                default -> dict.put(column, rs.getString(column));
            }
        }
        boolean isPrivate = rs.getBoolean("private");
        String state = rs.getString("state");
        String ownerOrg = rs.getString("owner_org");

        ArrayNode extras = array(rs.getString("extras"));
        ArrayNode tags = array(rs.getString("tags"));
        ArrayNode groups = array(rs.getString("groups"));
        ArrayNode resources = resources(rs.getString("resources"), label, problems);
        JsonNode org = rs.getString("org") == null ? nodes.nullNode() : parse(rs.getString("org"));

        ArrayNode freeTags = nodes.arrayNode();
        // Each tag's search field, read before the dict drops the vocabulary's name (package_show has none).
        List<String[]> tagFields = new ArrayList<>();
        for (JsonNode tag : tags) {
            ObjectNode t = (ObjectNode) tag;
            boolean free = t.path("vocabulary_id").isNull();
            tagFields.add(new String[] {free ? "tags" : "vocab_" + t.path("vocabulary").asText(""),
                    t.path("name").asText()});
            t.put("display_name", t.path("name").asText());
            t.put("state", "active");
            t.remove("vocabulary");
            if (free) {
                freeTags.add(t);
            }
        }
        for (JsonNode group : groups) {
            ((ObjectNode) group).put("display_name", group.path("title").asText(group.path("name").asText()));
        }
        dict.put("num_resources", resources.size());
        dict.put("num_tags", freeTags.size());
        dict.set("organization", org);
        dict.set("extras", extras);
        dict.set("resources", resources);
        dict.set("tags", freeTags);
        dict.set("groups", groups);
        dict.set("relationships_as_subject", nodes.arrayNode());
        dict.set("relationships_as_object", nodes.arrayNode());
        String dataDict = write(dict);

        SolrInputDocument doc = new SolrInputDocument();
        for (String column : COLUMNS) {
            if (!column.startsWith("metadata_") && !column.equals("private")) {
                addIfPresent(doc, column, rs.getString(column));
            }
        }
        doc.setField("private", Boolean.toString(isPrivate));
        doc.setField("num_resources", resources.size());
        doc.setField("num_tags", freeTags.size());
        if (created != null) {
            doc.setField("metadata_created", date(created));
        } else {
            // CKAN's own rebuild stops at such a dataset; Ferry indexes it and says so.
            problems.add(label + ": metadata_created is empty (CKAN's own rebuild fails on it); indexed without it");
        }
        if (modified != null) {
            doc.setField("metadata_modified", date(modified));
        }
        addIfPresent(doc, "title_string", rs.getString("title"));
        doc.setField("site_id", siteId);
        doc.setField("index_id", indexId(id, siteId));
        doc.setField("entity_type", "package");
        addIfPresent(doc, "dataset_type", rs.getString("type"));
        doc.setField("capacity", isPrivate ? "private" : "public");
        doc.setField("indexed_ts", indexedAt);
        if (org.isObject()) {
            doc.setField("organization", org.path("name").asText());
        }
        for (JsonNode group : groups) {
            doc.addField("groups", group.path("name").asText());
        }
        for (String[] field : tagFields) {
            doc.addField(field[0], field[1]);
        }
        for (JsonNode r : resources) {
            doc.addField("res_name", r.path("name").asText(""));
            doc.addField("res_description", r.path("description").asText(""));
            doc.addField("res_format", r.path("format").asText(""));
            doc.addField("res_url", r.path("url").asText(""));
            doc.addField("res_type", r.path("resource_type").asText(""));
        }
        addExtras(doc, extras);
        if ("active".equals(state) && !isPrivate) {
            doc.addField("permission_labels", "public");
        } else if (ownerOrg != null) {
            doc.addField("permission_labels", "member-" + ownerOrg);
        } else {
            doc.addField("permission_labels", "creator-" + rs.getString("creator_user_id"));
        }
        dropBadDates(doc);
        doc.setField("data_dict", dataDict);
        doc.setField("validated_data_dict", dataDict);
        return new Built(id, doc, problems);
    }

    /** CKAN's uniqueKey: the hex MD5 of the dataset id followed by the site id. */
    static String indexId(String id, String siteId) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((id + siteId).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    /**
     * Extras as CKAN indexes them: {@code extras_<key>} with the key cut to [A-Za-z0-9_-], and the
     * bare key too unless it names a schema field or a field the document already has.
     */
    private static void addExtras(SolrInputDocument doc, ArrayNode extras) {
        for (JsonNode extra : extras) {
            String key = cleanKey(extra.path("key").asText(""));
            JsonNode value = extra.path("value");
            if (value.isNull()) {
                continue;
            }
            doc.setField("extras_" + key, value.asText());
            if (!key.isEmpty() && !SCHEMA_FIELDS.contains(key) && doc.getField(key) == null) {
                doc.setField(key, value.asText());
            }
        }
    }

    static String cleanKey(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** CKAN turns every {@code *_date} value into a UTC date and drops the ones it cannot read. */
    private static void dropBadDates(SolrInputDocument doc) {
        for (String field : List.copyOf(doc.getFieldNames())) {
            if (field.endsWith("_date")) {
                Date parsed = parseDate(String.valueOf(doc.getFieldValue(field)));
                if (parsed == null) {
                    doc.removeField(field);
                } else {
                    doc.setField(field, parsed.toInstant().toString());
                }
            }
        }
    }

    static Date parseDate(String text) {
        String s = text.trim();
        try {
            if (s.matches("\\d{4}")) {
                return date(LocalDate.of(Integer.parseInt(s), 1, 1).atStartOfDay());
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return date(LocalDate.parse(s).atStartOfDay());
            }
            if (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return Date.from(OffsetDateTime.parse(s).toInstant());
            }
            return date(LocalDateTime.parse(s.replace(' ', 'T')));
        } catch (DateTimeException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Resources in package_show's shape: their JSON extras merged in, as CKAN's dictization does. */
    private ArrayNode resources(String text, String label, List<String> problems) {
        ArrayNode resources = array(text);
        for (JsonNode node : resources) {
            ObjectNode r = (ObjectNode) node;
            JsonNode extras = r.remove("extras");
            if (extras == null || extras.isNull() || extras.asText().isBlank()) {
                continue;
            }
            try {
                JsonNode parsed = json.readTree(extras.asText());
                if (!parsed.isObject()) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                Iterator<Map.Entry<String, JsonNode>> fields = parsed.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    if (!r.has(f.getKey())) {
                        r.set(f.getKey(), f.getValue());
                    }
                }
            } catch (JsonProcessingException | IllegalArgumentException e) {
                problems.add(label + ": resource " + r.path("id").asText() + ": the extras column is not a JSON "
                        + "object (" + firstLine(e.getMessage()) + "); indexed without these extras");
            }
        }
        return resources;
    }

    private ArrayNode array(String text) {
        if (text == null) {
            return nodes.arrayNode();
        }
        return (ArrayNode) parse(text);
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            // The database built this JSON itself (json_agg), so it is well-formed.
            throw new IllegalStateException("the database returned malformed JSON", e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addIfPresent(SolrInputDocument doc, String field, String value) {
        if (value != null) {
            doc.setField(field, value);
        }
    }

    /** package_show's timestamps: Python's isoformat (microseconds only when there are any). */
    static String ckanTime(LocalDateTime t) {
        if (t == null) {
            return null;
        }
        return (t.getNano() == 0 ? CKAN_TIME : CKAN_TIME_MICROS).format(t);
    }

    /** Timestamps in CKAN's database are UTC without a zone. */
    static Date date(LocalDateTime t) {
        return Date.from(t.toInstant(ZoneOffset.UTC));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
