package io.ferry.ckan.generate;

/**
 * {@code activity} and {@code activity_detail}: a "new user" activity for every publishing user and
 * one activity per revision of each public, non-draft dataset, each with one detail row.
 */
final class ActivityWriter {
    private static final String[] ACTIVITY = Tables.columns("id", "\"timestamp\"", "user_id", "object_id",
            "revision_id", "activity_type", "data");
    private static final String[] DETAIL = Tables.columns("id", "activity_id", "object_id", "object_type",
            "activity_type", "data");

    private ActivityWriter() {
    }

    static void write(Catalog c, Tables tables) {
        tables.copy("activity", ACTIVITY, out -> {
            for (int u = Catalog.SYSADMINS; u < c.idleStart; u++) {
                String user = c.userId(u);
                out.text(Ids.uuid(c.seed, Ids.ACTIVITY, -1L - u)).time(Catalog.START + (u % 2000) * Catalog.DAY / 2)
                        .text(user).text(user).nul().text("new user")
                        .text("{\"user\": {\"id\": \"" + user + "\", \"name\": \"" + c.userName(u) + "\"}}");
                out.end();
            }
            forEach(c, (d, j, type) -> {
                out.text(activityId(c, d, j)).time(d.revisionTimes[j]).text(c.userId(d.author(c, j))).text(d.id)
                        .text(c.datasetRevisionId(d.index, j)).text(type + " package")
                        .text("{\"package\": {\"id\": \"" + d.id + "\", \"name\": \"" + d.name + "\", \"title\": "
                                + Words.json(d.title) + ", \"owner_org\": \"" + c.publisherId(d.publisher)
                                + "\", \"state\": \"" + d.state + "\"}}");
                out.end();
            });
        });
        tables.copy("activity_detail", DETAIL, out -> forEach(c, (d, j, type) -> {
            out.text(Ids.uuid(c.seed, Ids.ACTIVITY_DETAIL, Ids.child(d.index, j, 6))).text(activityId(c, d, j))
                    .text(d.id).text("Package").text(type).text("{\"package\": {\"id\": \"" + d.id + "\"}}");
            out.end();
        }));
    }

    private interface Visitor {
        void visit(Dataset d, int revision, String type);
    }

    private static void forEach(Catalog c, Visitor visitor) {
        for (int i = 0; i < c.datasets; i++) {
            Dataset d = c.dataset(i);
            if (!d.hasActivity()) {
                continue;
            }
            int last = d.revisions() - 1;
            for (int j = 0; j <= last; j++) {
                String type = j == 0 ? "new" : j == last && d.state.equals("deleted") ? "deleted" : "changed";
                visitor.visit(d, j, type);
            }
        }
    }

    private static String activityId(Catalog c, Dataset d, int j) {
        return Ids.uuid(c.seed, Ids.ACTIVITY, Ids.child(d.index, j, 6));
    }
}
