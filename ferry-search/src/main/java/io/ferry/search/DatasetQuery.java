package io.ferry.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The one query that reads every dataset CKAN indexes, with its organization, extras, tags, groups
 * and resources, over the CKAN 2.8 schema. Each related table is aggregated once per dataset by a
 * grouped scan (json_agg) and joined by hash, so the database does a few sequential scans instead
 * of one lookup per dataset, and the rows stream through a cursor.
 *
 * <p>The datasets are split into ranges of id so that several connections read (and Ferry builds
 * and sends) in parallel; the range condition is repeated inside each aggregate so that every
 * connection reads only its share of the related tables.
 */
final class DatasetQuery {
    /** What CKAN indexes: every dataset whose state is neither empty nor deleted (drafts included). */
    static final String INDEXED = "coalesce(%s.state, '') NOT IN ('', 'deleted')";

    private DatasetQuery() {
    }

    /** A range of dataset ids: from {@code low} (inclusive, null = from the start) to {@code high} (exclusive, null = to the end). */
    record Range(String low, String high) {
        String condition(String column) {
            List<String> parts = new ArrayList<>();
            if (low != null) {
                parts.add(column + " >= ?");
            }
            if (high != null) {
                parts.add(column + " < ?");
            }
            return parts.isEmpty() ? "true" : String.join(" AND ", parts);
        }

        int bind(PreparedStatement st, int index) throws SQLException {
            int i = index;
            if (low != null) {
                st.setString(i++, low);
            }
            if (high != null) {
                st.setString(i++, high);
            }
            return i;
        }
    }

    /**
     * Cuts the indexed datasets into at most {@code parts} ranges of about equal size (the id
     * quantiles); fewer when there are few datasets.
     */
    static List<Range> ranges(Connection c, int parts) throws SQLException {
        List<String> cuts = new ArrayList<>();
        if (parts > 1) {
            StringBuilder fractions = new StringBuilder();
            for (int i = 1; i < parts; i++) {
                fractions.append(i == 1 ? "" : ",").append((double) i / parts);
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT DISTINCT unnest(percentile_disc(ARRAY[" + fractions + "]::float8[]) "
                            + "WITHIN GROUP (ORDER BY p.id)) AS cut FROM package p WHERE " + INDEXED.formatted("p")
                            + " ORDER BY cut")) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        cuts.add(rs.getString(1));
                    }
                }
            }
        }
        List<Range> ranges = new ArrayList<>();
        String low = null;
        for (String cut : cuts) {
            ranges.add(new Range(low, cut));
            low = cut;
        }
        ranges.add(new Range(low, null));
        return ranges;
    }

    /** The dataset query for one range; bind it with {@link #bind}. */
    static String sql(Range r) {
        return """
                SELECT p.id, p.name, p.title, p.version, p.url, p.notes, p.author, p.author_email, p.maintainer,
                       p.maintainer_email, p.revision_id, p.state, p.license_id, p.type, p.owner_org, p.private,
                       p.metadata_created, p.metadata_modified, p.creator_user_id,
                       o.org, e.extras, t.tags, g.groups, r.resources
                FROM package p
                LEFT JOIN (SELECT id, json_build_object('id', id, 'name', name, 'title', title, 'type', type,
                                  'description', description, 'image_url', image_url, 'created', created,
                                  'is_organization', is_organization, 'approval_status', approval_status,
                                  'state', state, 'revision_id', revision_id) AS org
                           FROM "group" WHERE is_organization) o ON o.id = p.owner_org
                LEFT JOIN (SELECT package_id, json_agg(json_build_object('key', key, 'value', value)
                                  ORDER BY key) AS extras
                           FROM package_extra WHERE state = 'active' AND %s
                           GROUP BY package_id) e ON e.package_id = p.id
                LEFT JOIN (SELECT pt.package_id, json_agg(json_build_object('id', t.id, 'name', t.name,
                                  'vocabulary_id', t.vocabulary_id, 'vocabulary', v.name)
                                  ORDER BY t.name) AS tags
                           FROM package_tag pt JOIN tag t ON t.id = pt.tag_id
                           LEFT JOIN vocabulary v ON v.id = t.vocabulary_id
                           WHERE pt.state = 'active' AND %s
                           GROUP BY pt.package_id) t ON t.package_id = p.id
                LEFT JOIN (SELECT m.table_id, json_agg(json_build_object('id', g.id, 'name', g.name,
                                  'title', g.title, 'description', g.description, 'image_url', g.image_url)
                                  ORDER BY g.name) AS groups
                           FROM member m JOIN "group" g ON g.id = m.group_id
                           WHERE m.table_name = 'package' AND m.state = 'active' AND g.state = 'active'
                             AND NOT coalesce(g.is_organization, false) AND %s
                           GROUP BY m.table_id) g ON g.table_id = p.id
                LEFT JOIN (SELECT package_id, json_agg(json_build_object('id', id, 'package_id', package_id,
                                  'url', url, 'format', format, 'description', description, 'position', position,
                                  'revision_id', revision_id, 'hash', hash, 'state', state, 'name', name,
                                  'resource_type', resource_type, 'mimetype', mimetype,
                                  'mimetype_inner', mimetype_inner, 'size', size, 'last_modified', last_modified,
                                  'cache_url', cache_url, 'cache_last_updated', cache_last_updated,
                                  'webstore_url', webstore_url, 'webstore_last_updated', webstore_last_updated,
                                  'created', created, 'url_type', url_type, 'extras', extras)
                                  ORDER BY position, id) AS resources
                           FROM resource WHERE state = 'active' AND %s
                           GROUP BY package_id) r ON r.package_id = p.id
                WHERE %s AND %s
                """.formatted(r.condition("package_id"), r.condition("pt.package_id"), r.condition("m.table_id"),
                r.condition("package_id"), INDEXED.formatted("p"), r.condition("p.id"));
    }

    /** Binds the range's bounds to every condition of {@link #sql}. */
    static void bind(PreparedStatement st, Range r) throws SQLException {
        int i = 1;
        for (int k = 0; k < 5; k++) {
            i = r.bind(st, i);
        }
    }

    /** Ids and modification times of every indexed dataset, for --verify and --only-missing. */
    static final String IDS = "SELECT p.id, p.metadata_modified FROM package p WHERE " + INDEXED.formatted("p");
}
