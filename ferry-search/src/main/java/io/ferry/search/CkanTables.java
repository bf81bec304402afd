package io.ferry.search;

import io.ferry.ckan.check.CkanVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What CKAN's package_show reads of a database at a given release: the columns its model maps on
 * each table (in the model's order, which is the order of the dict's keys), as far as the database
 * has them. CKAN's dictization writes every mapped column but {@code revision_id}, which 2.8 still
 * writes and 2.9 on skip (093 drops the column); 2.9 added resources' {@code metadata_modified};
 * the webstore columns were never mapped after 2.2, and 2.10's {@code plugin_data} is left out of
 * package_show.
 *
 * @param tracking whether CKAN core adds {@code views_total}/{@code views_recent} from
 *                 {@code tracking_summary} (up to 2.10; 2.11 moved tracking into a plugin)
 */
record CkanTables(CkanVersion version, List<Column> packageColumns, List<Column> resourceColumns,
                  List<Column> groupColumns, List<Column> extraColumns, boolean tracking) {

    /** A mapped column; timestamps are written as Python's isoformat. */
    record Column(String name, boolean timestamp) {
    }

    private static final List<String> PACKAGE = List.of("id", "name", "title", "version", "url", "author",
            "author_email", "maintainer", "maintainer_email", "notes", "license_id", "type", "owner_org",
            "creator_user_id", "metadata_created", "metadata_modified", "private", "state", "revision_id");
    private static final List<String> RESOURCE = List.of("id", "package_id", "url", "format", "description", "hash",
            "position", "name", "resource_type", "mimetype", "mimetype_inner", "size", "created", "last_modified",
            "metadata_modified", "cache_url", "cache_last_updated", "url_type", "extras", "state", "revision_id");
    private static final List<String> GROUP = List.of("id", "name", "title", "type", "description", "image_url",
            "created", "is_organization", "approval_status", "state", "revision_id");
    private static final List<String> EXTRA = List.of("id", "package_id", "key", "value", "state", "revision_id");

    /** The columns for {@code version}, intersected with the database's. */
    static CkanTables read(Connection c, CkanVersion version) throws SQLException {
        boolean tracking = !version.atLeast(CkanVersion.V2_11) && !columns(c, "tracking_summary").isEmpty();
        return new CkanTables(version, mapped(c, "package", PACKAGE, version), mapped(c, "resource", RESOURCE, version),
                mapped(c, "group", GROUP, version), mapped(c, "package_extra", EXTRA, version), tracking);
    }

    /** Whether {@code name} is among {@code columns}. */
    static boolean has(List<Column> columns, String name) {
        return columns.stream().anyMatch(col -> col.name().equals(name));
    }

    private static List<Column> mapped(Connection c, String table, List<String> model, CkanVersion version)
            throws SQLException {
        Map<String, String> types = columns(c, table);
        List<Column> result = new ArrayList<>();
        for (String name : model) {
            if (name.equals("revision_id") && version.atLeast(CkanVersion.V2_9)) {
                continue;
            }
            if (name.equals("metadata_modified") && table.equals("resource") && !version.atLeast(CkanVersion.V2_9)) {
                continue;
            }
            String type = types.get(name);
            if (type != null) {
                result.add(new Column(name, type.startsWith("timestamp")));
            }
        }
        return List.copyOf(result);
    }

    private static Map<String, String> columns(Connection c, String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = ?")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }
}
