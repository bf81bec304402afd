package io.ferry.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ckan.check.CkanVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.solr.common.SolrInputDocument;

/**
 * Builds CKAN's search document for one dataset row of {@link DatasetQuery}, in the steps of the
 * {@code index_package} of the database's CKAN release, from {@code package_show}'s dict: the dict
 * itself as JSON ({@code data_dict}), its top-level values as fields, extras as {@code extras_<key>}
 * and bare {@code <key>}, free tags and vocabulary tags, group and organization names, one list entry
 * per resource, capacity, tracking counts (up to 2.10), permission labels, and the identity fields
 * {@code site_id} and {@code index_id}. Values are sent as pysolr sends CKAN's: None and empty
 * strings are left out.
 *
 * <p>Ferry runs no CKAN plugins, so {@code validated_data_dict} is package_show's dict unvalidated,
 * and the licence's title and {@code isopen} (from CKAN's licence register, not the database) are
 * not filled in. From CKAN 2.10 on, {@code data_dict} also carries {@code validated_data_dict}, as
 * 2.10 serializes the dict after adding it.
 */
final class CkanDocument {
    /** A built document, with what was wrong in the row (it is indexed all the same). */
    record Built(String id, SolrInputDocument doc, List<String> problems) {
    }

    /** index.py's RESERVED_FIELDS: an extra with one of these names is indexed only as {@code extras_<key>}. */
    private static final Set<String> RESERVED_FIELDS = Set.of("entity_type", "res_url", "text", "urls",
            "indexed_ts", "site_id", "tags", "groups", "res_name", "res_description", "res_format", "res_type");

    /** A URL's scheme as Python's urlsplit recognises it. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

    /** Characters XML 1.0 cannot carry, which CKAN removes from title, notes and title_string. */
    private static final Pattern XML_ILLEGAL = Pattern.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x{fffe}\\x{ffff}]");

    private final ObjectMapper json;
    private final String siteId;
    private final Date indexedAt;
    private final CkanVersion version;
    private final boolean tracking;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    CkanDocument(ObjectMapper json, String siteId, Date indexedAt, CkanTables tables) {
        this.json = json;
        this.siteId = siteId;
        this.indexedAt = indexedAt;
        this.version = tables.version();
        this.tracking = tables.tracking();
    }

    /** The document CKAN would index for the current row. */
    Built build(ResultSet rs) throws SQLException {
        List<String> problems = new ArrayList<>();
        String id = rs.getString("id");
        String label = "dataset " + rs.getString("name") + " (" + id + ")";
        LocalDateTime created = rs.getObject("metadata_created", LocalDateTime.class);
        LocalDateTime modified = rs.getObject("metadata_modified", LocalDateTime.class);
        boolean isPrivate = rs.getBoolean("private");

        // package_dictize: the package's columns, its title stripped, then the related lists.
        ObjectNode dict = (ObjectNode) parse(rs.getString("pkg"));
        if (dict.path("title").isTextual() && !dict.path("title").asText().isEmpty()) {
            dict.put("title", dict.path("title").asText().strip());
        }
        ArrayNode resources = resources(rs.getString("resources"), label, problems);
        ArrayNode tags = array(rs.getString("tags"));
        // Each tag's vocabulary name, read before the dict drops it (package_show has none).
        List<String> vocabularies = new ArrayList<>();
        for (JsonNode tag : tags) {
            ObjectNode t = (ObjectNode) tag;
            vocabularies.add(t.path("vocabulary_id").isNull() ? null : t.path("vocabulary").asText(""));
            t.remove("vocabulary");
            t.put("display_name", t.path("name").asText());
        }
        ArrayNode extras = array(rs.getString("extras"));
        ArrayNode groups = array(rs.getString("groups"));
        JsonNode org = rs.getString("org") == null ? nodes.nullNode() : parse(rs.getString("org"));
        dict.set("resources", resources);
        dict.put("num_resources", resources.size());
        dict.set("tags", tags);
        dict.put("num_tags", tags.size());
        dict.set("extras", extras);
        dict.set("groups", groups);
        dict.set("organization", org);
        dict.set("relationships_as_subject", nodes.arrayNode());
        dict.set("relationships_as_object", nodes.arrayNode());
        if (dict.path("type").asText("").isEmpty()) {
            dict.put("type", "dataset");
        }

        // index_package, step by step; later steps overwrite what earlier ones set, as in CKAN.
        Map<String, Object> fields = new LinkedHashMap<>();
        dict.fields().forEachRemaining(f -> fields.put(f.getKey(), scalar(f.getValue())));
        String validated = write(dict);
        String dataDict = validated;
        if (version.atLeast(CkanVersion.V2_10)) {
            dict.put("validated_data_dict", validated);
            dataDict = write(dict);
        }
        fields.put("validated_data_dict", validated);
        fields.put("data_dict", dataDict);
        String title = dict.path("title").asText("");
        if (!title.isEmpty()) {
            fields.put("title_string", title);
        }
        Set<String> indexFields = new HashSet<>(RESERVED_FIELDS);
        indexFields.addAll(fields.keySet());
        for (JsonNode extra : extras) {
            String key = cleanKey(extra.path("key").asText(""));
            Object value = scalar(extra.path("value"));
            fields.put("extras_" + key, value);
            if (!indexFields.contains(key) && !key.isEmpty()) {
                fields.put(key, value);
            }
        }
        fields.remove("extras");
        List<Object> freeTags = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i).path("name").asText();
            if (vocabularies.get(i) == null) {
                freeTags.add(tag);
            } else {
                String key = "vocab_" + vocabularies.get(i);
                if (fields.get(key) instanceof List<?>) {
                    list(fields, key).add(tag);
                } else {
                    fields.put(key, new ArrayList<>(List.of(tag)));
                }
            }
        }
        fields.put("tags", freeTags);
        fields.put("capacity", isPrivate ? "private" : "public");
        List<Object> groupNames = new ArrayList<>();
        groups.forEach(g -> groupNames.add(g.path("name").asText()));
        fields.put("groups", groupNames);
        fields.put("organization", org.isObject() ? org.path("name").asText() : null);
        if (tracking) {
            fields.put("views_total", rs.getObject("running_total") == null ? 0 : rs.getInt("running_total"));
            fields.put("views_recent", rs.getObject("recent_views") == null ? 0 : rs.getInt("recent_views"));
        }
        for (String[] pair : new String[][] {{"name", "res_name"}, {"description", "res_description"},
            {"format", "res_format"}, {"url", "res_url"}, {"resource_type", "res_type"}}) {
            for (JsonNode r : resources) {
                if (!(fields.get(pair[1]) instanceof List<?>)) {
                    fields.put(pair[1], new ArrayList<>());
                }
                list(fields, pair[1]).add(r.has(pair[0]) ? scalar(r.get(pair[0])) : "");
            }
        }
        fields.remove("resources");
        fields.remove("relationships_as_subject");
        fields.remove("relationships_as_object");
        fields.put("entity_type", "package");
        fields.put("dataset_type", fields.get("type"));
        cleanDates(fields);
        for (String k : List.of("title", "notes", "title_string")) {
            if (fields.get(k) instanceof String text) {
                fields.put(k, XML_ILLEGAL.matcher(text).replaceAll(""));
            }
        }
        if (created != null) {
            fields.put("metadata_created", date(created));
        } else {
            // CKAN's own rebuild stops at such a dataset; Ferry indexes it and says so.
            fields.remove("metadata_created");
            problems.add(label + ": metadata_created is empty (CKAN's own rebuild fails on it); indexed without it");
        }
        fields.put("metadata_modified", modified == null ? null : date(modified));
        fields.put("site_id", siteId);
        if (fields.get("title") instanceof String text) {
            fields.put("title", text.stripLeading());
        }
        fields.put("index_id", indexId(id, siteId));
        fields.put("permission_labels", permissionLabels(rs.getString("state"), isPrivate, rs.getString("owner_org"),
                rs.getString("creator_user_id")));
        fields.put("indexed_ts", indexedAt);
        return new Built(id, document(fields), problems);
    }

    /**
     * CKAN's default permission labels (get_dataset_labels): "public" for an active public dataset,
     * else "member-<organization id>", else "creator-<creator's user id>".
     */
    static List<Object> permissionLabels(String state, boolean isPrivate, String ownerOrg, String creator) {
        if ("active".equals(state) && !isPrivate) {
            return List.of("public");
        }
        if (ownerOrg != null && !ownerOrg.isEmpty()) {
            return List.of("member-" + ownerOrg);
        }
        return List.of("creator-" + creator);
    }

    /** The fields as pysolr sends them: None and empty strings left out, booleans as true/false. */
    private static SolrInputDocument document(Map<String, Object> fields) {
        SolrInputDocument doc = new SolrInputDocument();
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            Iterable<?> values = f.getValue() instanceof List<?> l ? l : Collections.singletonList(f.getValue());
            for (Object v : values) {
                if (v == null || "".equals(v)) {
                    continue;
                }
                doc.addField(f.getKey(), v instanceof Boolean b ? b.toString() : v);
            }
        }
        return doc;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> fields, String key) {
        return (List<Object>) fields.get(key);
    }

    /** A JSON value as a field value: text, number or boolean; lists and objects are not sent. */
    private static Object scalar(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        return null;
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

    /**
     * CKAN turns every {@code *_date} value into a UTC date and drops the ones it cannot read. Up to
     * 2.9 dateutil fills what a value leaves out from 0001-01-01 (so "2012" is 1 January); from 2.10
     * on from the day of indexing (so "2012" is today's month and day in 2012).
     */
    private void cleanDates(Map<String, Object> fields) {
        LocalDate today = indexedAt.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate fill = version.atLeast(CkanVersion.V2_10) ? today : LocalDate.of(1, 1, 1);
        for (String field : List.copyOf(fields.keySet())) {
            if (field.endsWith("_date")) {
                Date parsed = fields.get(field) instanceof String text ? parseDate(text, fill) : null;
                if (parsed == null) {
                    fields.remove(field);
                } else {
                    fields.put(field, parsed.toInstant().toString());
                }
            }
        }
    }

    /**
     * The date of {@code text} (a year, year-month, date, or ISO date-time), or null; {@code fill}
     * supplies a missing month and day.
     */
    static Date parseDate(String text, LocalDate fill) {
        String s = text.trim();
        try {
            if (s.matches("\\d{4}")) {
                return date(filled(Integer.parseInt(s), fill.getMonthValue(), fill).atStartOfDay());
            }
            if (s.matches("\\d{4}-\\d{2}")) {
                return date(filled(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5)), fill)
                        .atStartOfDay());
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

    /** dateutil's filling: the day taken from {@code fill}, cut to the month's length. */
    private static LocalDate filled(int year, int month, LocalDate fill) {
        YearMonth ym = YearMonth.of(year, month);
        return ym.atDay(Math.min(fill.getDayOfMonth(), ym.lengthOfMonth()));
    }

    /**
     * Resources in package_show's shape (resource_dictize): their JSON extras merged in over the
     * columns, and a URL without a scheme given "http://", as CKAN's dictization does. An uploaded
     * file's URL, which CKAN turns into a download link on the site's own address, is left as stored.
     */
    private ArrayNode resources(String text, String label, List<String> problems) {
        ArrayNode resources = array(text);
        for (JsonNode node : resources) {
            ObjectNode r = (ObjectNode) node;
            JsonNode extras = r.remove("extras");
            if (extras != null && !extras.isNull() && !extras.asText().isBlank()) {
                merge(r, extras.asText(), label, problems);
            }
            String url = r.path("url").asText("");
            if (!url.isEmpty() && !"upload".equals(r.path("url_type").asText("")) && !SCHEME.matcher(url).lookingAt()) {
                r.put("url", "http://" + url.replaceFirst("^/+", ""));
            }
        }
        return resources;
    }

    private void merge(ObjectNode resource, String extras, String label, List<String> problems) {
        try {
            JsonNode parsed = json.readTree(extras);
            if (!parsed.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = parsed.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                resource.set(f.getKey(), f.getValue());
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.add(label + ": resource " + resource.path("id").asText() + ": the extras column is not a JSON "
                    + "object (" + firstLine(e.getMessage()) + "); indexed without these extras");
        }
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
