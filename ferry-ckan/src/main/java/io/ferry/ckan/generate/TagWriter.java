package io.ferry.ckan.generate;

/**
 * {@code tag}, {@code package_tag} and {@code package_tag_revision}: a pool of free tags (no
 * vocabularies) with power-law popularity, a few distinct tags per dataset.
 */
final class TagWriter {
    private static final String[] TAG = Tables.columns("id", "name");
    private static final String[] PACKAGE_TAG = Tables.columns("id", "revision_id", "state", "package_id", "tag_id");
    private static final String[] PACKAGE_TAG_REVISION = Tables.columns("id", "revision_id", "state", "package_id",
            "tag_id", "continuity_id", "revision_timestamp", "expired_timestamp", "current");

    private TagWriter() {
    }

    static void write(Catalog c, Tables tables) {
        tables.copy("tag", TAG, out -> {
            for (int t = 0; t < c.tags; t++) {
                out.text(tagId(c, t)).text(c.tagName(t));
                out.end();
            }
        });
        tables.copy("package_tag", PACKAGE_TAG, out -> {
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                int[] tags = tags(c, d);
                for (int k = 0; k < tags.length; k++) {
                    out.text(id(c, i, k)).text(c.datasetRevisionId(i, 0)).text(state(c, i, k)).text(d.id)
                            .text(tagId(c, tags[k]));
                    out.end();
                }
            }
        });
        tables.copy("package_tag_revision", PACKAGE_TAG_REVISION, out -> {
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                int[] tags = tags(c, d);
                for (int k = 0; k < tags.length; k++) {
                    String id = id(c, i, k);
                    out.text(id).text(c.datasetRevisionId(i, 0)).text(state(c, i, k)).text(d.id)
                            .text(tagId(c, tags[k])).text(id).time(d.created()).text(DatasetWriter.OPEN_END).bool(true);
                    out.end();
                }
            }
        });
    }

    private static String tagId(Catalog c, int t) {
        return Ids.uuid(c.seed, Ids.TAG, t);
    }

    private static String id(Catalog c, int i, int k) {
        return Ids.uuid(c.seed, Ids.PACKAGE_TAG, Ids.child(i, k, 5));
    }

    private static String state(Catalog c, int i, int k) {
        return (Rng.mix(c.seed ^ Ids.child(i, k, 5) ^ 0x7a9L) % 40) == 0 ? "deleted" : "active";
    }

    /** The dataset's tags, distinct, popular ones more often. */
    static int[] tags(Catalog c, Dataset d) {
        Rng r = new Rng(c.seed, Ids.TAG, d.index, 1);
        int[] tags = new int[Math.min(d.tags, c.tags)];
        for (int k = 0; k < tags.length; k++) {
            int t;
            boolean repeated;
            do {
                t = r.zipf(c.tags, 1.05);
                repeated = false;
                for (int m = 0; m < k; m++) {
                    repeated |= tags[m] == t;
                }
            } while (repeated);
            tags[k] = t;
        }
        return tags;
    }
}
