package io.ferry.ckan.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code vocabulary}, {@code tag}, {@code package_tag} and {@code package_tag_revision}: a pool of
 * free tags with power-law popularity, a few distinct tags per dataset; and two small tag
 * vocabularies, whose tags some datasets also carry (CKAN indexes those as {@code vocab_NAME}, not as
 * {@code tags}).
 */
final class TagWriter {
    /** Each vocabulary's name, then its tags. */
    static final String[][] VOCABULARIES = {
        {"country", "england", "scotland", "wales", "northern-ireland"},
        {"theme", "business-and-economy", "crime-and-justice", "defence", "government-spending", "society"}
    };
    /** A dataset's vocabulary tags take the package_tag positions after its free tags (at most 20). */
    private static final int FIRST_VOCABULARY_POSITION = 20;
    private static final String[] VOCABULARY = Tables.columns("id", "name");
    private static final String[] TAG = Tables.columns("id", "name", "vocabulary_id");
    private static final String[] PACKAGE_TAG = Tables.columns("id", "revision_id", "state", "package_id", "tag_id");
    private static final String[] PACKAGE_TAG_REVISION = Tables.columns("id", "revision_id", "state", "package_id",
            "tag_id", "continuity_id", "revision_timestamp", "expired_timestamp", "current");

    private TagWriter() {
    }

    static void write(Catalog c, Tables tables) {
        tables.copy("vocabulary", VOCABULARY, out -> {
            for (int v = 0; v < VOCABULARIES.length; v++) {
                out.text(vocabularyId(c, v)).text(VOCABULARIES[v][0]);
                out.end();
            }
        });
        tables.copy("tag", TAG, out -> {
            for (int t = 0; t < c.tags; t++) {
                out.text(tagId(c, t)).text(c.tagName(t)).text(null);
                out.end();
            }
            for (int v = 0; v < VOCABULARIES.length; v++) {
                for (int k = 1; k < VOCABULARIES[v].length; k++) {
                    out.text(vocabularyTagId(c, v, k)).text(VOCABULARIES[v][k]).text(vocabularyId(c, v));
                    out.end();
                }
            }
        });
        tables.copy("package_tag", PACKAGE_TAG, out -> {
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                for (Placed t : placed(c, d)) {
                    out.text(id(c, i, t.position)).text(c.datasetRevisionId(i, 0)).text(state(c, i, t.position))
                            .text(d.id).text(t.tagId);
                    out.end();
                }
            }
        });
        tables.copy("package_tag_revision", PACKAGE_TAG_REVISION, out -> {
            for (int i = 0; i < c.datasets; i++) {
                Dataset d = c.dataset(i);
                for (Placed t : placed(c, d)) {
                    String id = id(c, i, t.position);
                    out.text(id).text(c.datasetRevisionId(i, 0)).text(state(c, i, t.position)).text(d.id)
                            .text(t.tagId).text(id).time(d.created()).text(DatasetWriter.OPEN_END).bool(true);
                    out.end();
                }
            }
        });
    }

    /** One of a dataset's tags: its position among the dataset's package_tag rows, and the tag. */
    private record Placed(int position, String tagId) {
    }

    /** The dataset's tags: its free tags first, then its vocabulary tags. */
    private static List<Placed> placed(Catalog c, Dataset d) {
        List<Placed> placed = new ArrayList<>();
        int[] tags = tags(c, d);
        for (int k = 0; k < tags.length; k++) {
            placed.add(new Placed(k, tagId(c, tags[k])));
        }
        int[] vocabularyTags = vocabularyTags(c, d);
        for (int v = 0; v < vocabularyTags.length; v++) {
            if (vocabularyTags[v] > 0) {
                placed.add(new Placed(FIRST_VOCABULARY_POSITION + v, vocabularyTagId(c, v, vocabularyTags[v])));
            }
        }
        return placed;
    }

    private static String vocabularyId(Catalog c, int v) {
        return Ids.uuid(c.seed, Ids.VOCABULARY, v);
    }

    /** Tag {@code k} (from 1) of vocabulary {@code v}, numbered after the free tags. */
    private static String vocabularyTagId(Catalog c, int v, int k) {
        return tagId(c, c.tags + v * 16 + k);
    }

    /** Per vocabulary, the dataset's tag in it (its position in {@link #VOCABULARIES}), or 0 for none. */
    static int[] vocabularyTags(Catalog c, Dataset d) {
        Rng r = new Rng(c.seed, Ids.VOCABULARY, d.index);
        int[] tags = new int[VOCABULARIES.length];
        for (int v = 0; v < tags.length; v++) {
            tags[v] = r.chance(0.3) ? 1 + r.nextInt(VOCABULARIES[v].length - 1) : 0;
        }
        return tags;
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
