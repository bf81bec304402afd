package io.ferry.search;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.check.CkanVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.schema.SchemaResponse;
import org.apache.solr.common.SolrException;

/**
 * Before anything is sent: the index's schema must have every field Ferry's documents of the
 * database's CKAN release carry (with CKAN's uniqueKey), or Solr would reject every batch half-way
 * through the rebuild. CKAN 2.8's documents carry {@code revision_id}; later ones do not.
 */
final class SchemaCheck {
    private static final List<String> FIELDS = List.of("index_id", "id", "site_id", "name", "title", "notes", "state",
            "dataset_type", "entity_type", "capacity", "organization", "groups", "tags", "res_name",
            "res_description", "res_format", "res_url", "res_type", "metadata_created", "metadata_modified",
            "permission_labels", "data_dict", "validated_data_dict", "indexed_ts", "title_string", "author",
            "author_email", "maintainer", "maintainer_email", "url", "version", "license_id");
    /** extras_*, vocab_* and *_date as CKAN names them; "*" takes bare extras and the other dict keys. */
    static final List<String> DYNAMIC = List.of("extras_*", "vocab_*", "*_date", "*");

    private SchemaCheck() {
    }

    /** The named fields the documents of {@code version} carry. */
    static List<String> fields(CkanVersion version) {
        List<String> fields = new ArrayList<>(FIELDS);
        if (!version.atLeast(CkanVersion.V2_9)) {
            fields.add("revision_id");
        }
        return fields;
    }

    /** @throws FerryException CONNECTION when Solr cannot be reached; CONFIGURATION when fields are missing */
    static void require(SolrTarget target, CkanVersion version) {
        Set<String> fields = new HashSet<>();
        Set<String> dynamic = new HashSet<>();
        String uniqueKey;
        try {
            SchemaResponse.FieldsResponse f = new SchemaRequest.Fields().process(target.client(), target.collection());
            for (Map<String, Object> field : f.getFields()) {
                fields.add(String.valueOf(field.get("name")));
            }
            SchemaResponse.DynamicFieldsResponse d = new SchemaRequest.DynamicFields()
                    .process(target.client(), target.collection());
            for (Map<String, Object> field : d.getDynamicFields()) {
                dynamic.add(String.valueOf(field.get("name")));
            }
            uniqueKey = new SchemaRequest.UniqueKey().process(target.client(), target.collection()).getUniqueKey();
        } catch (SolrServerException | IOException | SolrException e) {
            throw SolrErrors.failure("reading the schema", target, e);
        }
        List<String> missing = new ArrayList<>();
        for (String name : fields(version)) {
            if (!fields.contains(name)) {
                missing.add(name);
            }
        }
        for (String name : DYNAMIC) {
            if (!dynamic.contains(name)) {
                missing.add(name + " (dynamic)");
            }
        }
        if (!missing.isEmpty()) {
            throw new FerryException(ErrorCode.CONFIGURATION, "the Solr schema of " + target.display()
                    + " is not CKAN's: it lacks " + String.join(", ", missing) + " (fields of CKAN "
                    + version.label() + "'s documents)");
        }
        if (!"index_id".equals(uniqueKey)) {
            throw new FerryException(ErrorCode.CONFIGURATION, "the Solr schema of " + target.display()
                    + " is not CKAN's: its uniqueKey is " + uniqueKey + ", not index_id");
        }
    }
}
