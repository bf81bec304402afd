package io.ferry.ckan.generate;

/**
 * {@code member} and {@code member_revision}: publishers' admins and editors (table_name 'user'),
 * every dataset in its publisher (capacity 'organization') and some datasets in thematic groups
 * (capacity 'public').
 */
final class MemberWriter {
    private static final String[] MEMBER = Tables.columns("id", "group_id", "table_id", "state", "revision_id",
            "table_name", "capacity");
    private static final String[] MEMBER_REVISION = Tables.columns("id", "table_id", "group_id", "state",
            "revision_id", "continuity_id", "revision_timestamp", "expired_timestamp", "current", "table_name",
            "capacity");

    private MemberWriter() {
    }

    /** One membership, as both tables need it. */
    private record Member(String id, String groupId, String tableId, String revisionId, long time, String tableName,
                          String capacity) {
    }

    private interface Sink {
        void accept(Member m);
    }

    static void write(Catalog c, Tables tables) {
        tables.copy("member", MEMBER, out -> forEach(c, m -> {
            out.text(m.id).text(m.groupId).text(m.tableId).text("active").text(m.revisionId).text(m.tableName)
                    .text(m.capacity);
            out.end();
        }));
        tables.copy("member_revision", MEMBER_REVISION, out -> forEach(c, m -> {
            out.text(m.id).text(m.tableId).text(m.groupId).text("active").text(m.revisionId).text(m.id).time(m.time)
                    .text("9999-12-31 00:00:00").bool(true).text(m.tableName).text(m.capacity);
            out.end();
        }));
    }

    private static void forEach(Catalog c, Sink sink) {
        for (int p = 0; p < c.publishers; p++) {
            for (int u = c.staffStart[p]; u < c.staffStart[p + 1]; u++) {
                // Large publishers have a second admin.
                String capacity = u == c.staffStart[p] || (u == c.staffStart[p] + 1 && c.datasetCount[p] > 50)
                        ? "admin" : "editor";
                sink.accept(new Member(id(c, u, 0), c.publisherId(p), c.userId(u), c.groupRevisionId(p),
                        c.publisherCreated(p), "user", capacity));
            }
        }
        for (int u = c.trapStart; u < c.idleStart; u++) {
            int p = c.trapPublisher((u - c.trapStart) / 2);
            sink.accept(new Member(id(c, u, 0), c.publisherId(p), c.userId(u), c.groupRevisionId(p),
                    c.publisherCreated(p), "user", "editor"));
        }
        for (int i = 0; i < c.datasets; i++) {
            Dataset d = c.dataset(i);
            String revision = c.datasetRevisionId(i, 0);
            sink.accept(new Member(id(c, i, 1), c.publisherId(d.publisher), d.id, revision, d.created(), "package",
                    "organization"));
            if (d.group >= 0) {
                sink.accept(new Member(id(c, i, 2), c.groupId(d.group), d.id, revision, d.created(), "package",
                        "public"));
            }
        }
    }

    private static String id(Catalog c, long owner, int kind) {
        return Ids.uuid(c.seed, Ids.MEMBER, Ids.child(owner, kind, 2));
    }
}
