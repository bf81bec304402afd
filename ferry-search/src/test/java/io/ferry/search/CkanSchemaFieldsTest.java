package io.ferry.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.ckan.check.CkanVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The fields the schema check asks for, for each CKAN release, against CKAN's own schema.xml of
 * that era: 2.8's for 2.8 documents (its Trie field types do not load in Solr 9, so it is read as
 * XML here), 2.11's (which also serves 2.9 and 2.10) for the later ones.
 */
class CkanSchemaFieldsTest {
    record Schema(Set<String> fields, Set<String> dynamic, String uniqueKey) {
    }

    @Test
    void everyFieldAskedForIsDeclaredInCkansSchemaOfThatRelease() throws Exception {
        Schema ckan28 = read(Catalogs.ckanSchemaXml("ckan-solr-2.8"));
        Schema ckan211 = read(Catalogs.ckanSchemaXml("ckan-solr-2.11"));
        for (CkanVersion version : CkanVersion.values()) {
            Schema schema = version == CkanVersion.V2_8 ? ckan28 : ckan211;
            List<String> missing = new ArrayList<>(SchemaCheck.fields(version));
            missing.removeAll(schema.fields());
            assertEquals(List.of(), missing, version.label());
            assertTrue(schema.dynamic().containsAll(SchemaCheck.DYNAMIC), version.label());
            assertEquals("index_id", schema.uniqueKey());
        }
        // Both schemas declare revision_id; only 2.8's documents carry it.
        assertTrue(SchemaCheck.fields(CkanVersion.V2_8).contains("revision_id"));
        assertTrue(!SchemaCheck.fields(CkanVersion.V2_9).contains("revision_id"));
    }

    static Schema read(Path file) throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        return new Schema(names(xml, "field"), names(xml, "dynamicField"),
                xml.getElementsByTagName("uniqueKey").item(0).getTextContent().trim());
    }

    private static Set<String> names(Document xml, String tag) {
        Set<String> names = new HashSet<>();
        NodeList nodes = xml.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            names.add(((Element) nodes.item(i)).getAttribute("name"));
        }
        return names;
    }
}
