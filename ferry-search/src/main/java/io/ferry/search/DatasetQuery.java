package io.ferry.search;

import io.ferry.ckan.check.CkanVersion;
import io.ferry.sql.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The one query that reads every dataset CKAN indexes, with its organization, extras, tags, groups
 * and resources, over the schema of CKAN 2.8 to 2.11 ({@link CkanTables}). Each related table is
 * aggregated once per dataset by a grouped scan (json_agg) and joined by hash, so the database does
 * a few sequential scans instead of one lookup per dataset, and the rows stream through a cursor.
 *
 * <p>The datasets are split into ranges of id so that several connections read (and Ferry builds
 * and sends) in parallel; the range condition is repeated inside each aggregate so that every
 * connection reads only its share of the related tables.
 */
final class DatasetQuery {
    /**
     * What CKAN's rebuild indexes: every dataset not deleted (drafts included) whose state is set. Up
     * to 2.9 index_package also skips an empty state; from 2.10 on it skips only a missing one, which
     * the rebuild's own {@code state != 'deleted'} already leaves out.
     */
    static String indexed(CkanVersion version) {
        return version.atLeast(CkanVersion.V2_10) ? "p.state <> 'deleted'"
                : "coalesce(p.state, '') NOT IN ('', 'deleted')";
    }

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
    static List<Range> ranges(Connection c, CkanVersion version, int parts) throws SQLException {
        List<String> cuts = new ArrayList<>();
        if (parts > 1) {
            StringBuilder fractions = new StringBuilder();
            for (int i = 1; i < parts; i++) {
                fractions.append(i == 1 ? "" : ",").append((double) i / parts);
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT DISTINCT unnest(percentile_disc(ARRAY[" + fractions + "]::float8[]) "
                            + "WITHIN GROUP (ORDER BY p.id)) AS cut FROM package p WHERE " + indexed(version)
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

    /**
     * The dataset query for one range over the tables of {@code t}; bind it with {@link #bind}. Each
     * related row is built as CKAN's dictization writes it (the mapped columns, timestamps as Python's
     * isoformat, lists in CKAN's order: Python sorts strings by code point, hence COLLATE "C").
     */
    static String sql(CkanTables t, Range r) {
        String tracking = t.tracking() ? """
                LEFT JOIN (SELECT DISTINCT ON (package_id) package_id, running_total, recent_views
                           FROM tracking_summary WHERE %s
                           ORDER BY package_id, tracking_date DESC) v ON v.package_id = p.id
                """.formatted(r.condition("package_id")) : "";
        String memberCount = t.version().atLeast(CkanVersion.V2_11) ? """
                LEFT JOIN (SELECT m.group_id, count(*) AS member_count FROM member m
                           JOIN "user" u ON u.id = m.table_id
                           WHERE m.state = 'active' AND m.table_name = 'user'
                           GROUP BY m.group_id) mc ON mc.group_id = g.id
                """ : "";
        return """
                SELECT p.id, p.name, p.title, p.state, p.type, p.owner_org, p.private, p.creator_user_id,
                       p.metadata_created, p.metadata_modified, %s AS pkg,
                       o.org, e.extras, t.tags, g.groups, r.resources%s
                FROM package p
                LEFT JOIN (SELECT g.id, %s AS org FROM "group" g WHERE g.state = 'active') o ON o.id = p.owner_org
                LEFT JOIN (SELECT x.package_id, json_agg(%s ORDER BY x.key COLLATE "C") AS extras
                           FROM package_extra x WHERE x.state = 'active' AND %s
                           GROUP BY x.package_id) e ON e.package_id = p.id
                LEFT JOIN (SELECT pt.package_id, json_agg(json_build_object('id', t.id, 'name', t.name,
                                  'vocabulary_id', t.vocabulary_id, 'state', pt.state, 'vocabulary', v.name)
                                  ORDER BY t.name COLLATE "C") AS tags
                           FROM package_tag pt JOIN tag t ON t.id = pt.tag_id
                           LEFT JOIN vocabulary v ON v.id = t.vocabulary_id
                           WHERE pt.state = 'active' AND %s
                           GROUP BY pt.package_id) t ON t.package_id = p.id
                LEFT JOIN (SELECT m.table_id, json_agg(%s
                                  ORDER BY coalesce(nullif(g.title, ''), g.name) COLLATE "C") AS groups
                           FROM member m JOIN "group" g ON g.id = m.group_id
                           %s
                           WHERE m.table_name = 'package' AND m.state = 'active' AND g.is_organization = false
                             AND %s
                           GROUP BY m.table_id) g ON g.table_id = p.id
                LEFT JOIN (SELECT x.package_id, json_agg(%s ORDER BY x.position, x.id) AS resources
                           FROM resource x WHERE x.state = 'active' AND %s
                           GROUP BY x.package_id) r ON r.package_id = p.id
                %s
                WHERE %s AND %s
                """.formatted(object("p", t.packageColumns(), ""),
                t.tracking() ? ", v.running_total, v.recent_views" : "",
                object("g", t.groupColumns(), ""), object("x", t.extraColumns(), ""), r.condition("x.package_id"),
                r.condition("pt.package_id"), object("g", t.groupColumns(), groupExtras(t)), memberCount,
                r.condition("m.table_id"), object("x", t.resourceColumns(), ""), r.condition("x.package_id"),
                tracking, indexed(t.version()), r.condition("p.id"));
    }

    /** group_dictize's additions to a group's columns (image_display_url is the image_url as stored). */
    private static String groupExtras(CkanTables t) {
        String extras = ", 'display_name', coalesce(nullif(g.title, ''), g.name), 'image_display_url', g.image_url";
        return t.version().atLeast(CkanVersion.V2_11) ? extras + ", 'member_count', coalesce(mc.member_count, 0)"
                : extras;
    }

    /** json_build_object of {@code columns} of {@code alias}, then {@code more} pairs. */
    private static String object(String alias, List<CkanTables.Column> columns, String more) {
        StringBuilder b = new StringBuilder("json_build_object(");
        String sep = "";
        for (CkanTables.Column col : columns) {
            String ref = alias + "." + Identifiers.quote(col.name());
            b.append(sep).append('\'').append(col.name()).append("', ").append(col.timestamp() ? isoformat(ref) : ref);
            sep = ", ";
        }
        return b.append(more).append(')').toString();
    }

    /** Python's datetime.isoformat(): microseconds only when there are any. */
    static String isoformat(String ts) {
        return "(to_char(" + ts + ", 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN extract(microseconds FROM " + ts
                + ")::bigint % 1000000 <> 0 THEN to_char(" + ts + ", '.US') ELSE '' END)";
    }

    /** Binds the range's bounds to every condition of {@link #sql}. */
    static void bind(PreparedStatement st, CkanTables t, Range r) throws SQLException {
        int i = 1;
        for (int k = 0; k < (t.tracking() ? 6 : 5); k++) {
            i = r.bind(st, i);
        }
    }

    /** Ids and modification times of every indexed dataset, for --verify and --only-missing. */
    static String ids(CkanVersion version) {
        return "SELECT p.id, p.metadata_modified FROM package p WHERE " + indexed(version);
    }
}
