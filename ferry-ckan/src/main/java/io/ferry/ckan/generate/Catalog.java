package io.ferry.ckan.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of one generated catalog: its sizes and the few small lookup arrays every writer shares
 * (which publisher owns each dataset, where each publisher's staff sit among the users, which
 * publisher runs each harvest source). Everything else about an object is re-derived on demand from
 * the seed and the object's number, so the catalog never lives in memory as a whole.
 *
 * <p>Users are numbered in blocks: sysadmins first (0 is the support account whose full name is
 * {@code 2ndline}, 1 is the site user {@code dgu}, 2 a sysadmin without a full name), then each
 * publisher's staff (its first staff member is its admin, the rest editors), then the pairs of users
 * whose full names collide, then users who publish nothing.
 */
final class Catalog {
    /** 2010-01-01 and 2017-01-31: data.gov.uk's legacy catalog as it stood when it was moved. */
    static final long START = 1262304000L;
    static final long END = 1485820800L;
    static final long DAY = 86400L;

    static final int SUPPORT_USER = 0;
    static final int SITE_USER = 1;
    static final int NAMELESS_SYSADMIN = 2;
    static final int SYSADMINS = 6;

    /** data.gov.uk's 1,401 publishers stood against about 45,000 datasets. */
    private static final double PUBLISHERS_PER_DATASET = 1401.0 / 45000;
    static final int MAX_PUBLISHERS = 1401;
    /** About 1,100 of the 1,401 published anything. */
    private static final double PUBLISHING_SHARE = 1100.0 / 1401;
    /**
     * Datasets per publisher are log-normal: median 2 with a mean near 41 at data.gov.uk's size
     * needs sigma = sqrt(2 ln(41 / 2)).
     */
    private static final double SIGMA = 2.46;

    /** The harvest source data.gov.uk's conversion deleted with everything it had harvested. */
    static final String DELETED_SOURCE_ID = "2c798023-abac-4785-ad19-67bd5c1aed63";
    static final String[] SOURCE_TYPES = {"gemini-single", "gemini-csw", "gemini-waf", "data_json", "dkan"};

    final long seed;
    final int datasets;
    final HarvestShape harvestShape;

    final int publishers;
    final int dataPublishers;
    final int[] publisherOf;
    final int[] datasetCount;
    final int[] firstDataset;

    final int[] staffStart;
    /** Each publisher's URL name, made once (resource and source URLs ask for it again and again). */
    private final String[] publisherNames;
    final int trapStart;
    final int trapPairs;
    final int idleStart;
    final int users;

    final int sources;
    final int[] sourcePublisher;
    final int[] sourceJobs;
    final int[][] publisherSources;

    final int groups;
    final int tags;

    Catalog(GenerateOptions options) {
        this.seed = options.seed();
        this.datasets = options.datasets();
        this.harvestShape = options.harvestShape();

        publishers = clamp((int) Math.round(datasets * PUBLISHERS_PER_DATASET), 3, MAX_PUBLISHERS);
        dataPublishers = clamp((int) Math.round(publishers * PUBLISHING_SHARE), 1, Math.min(publishers, datasets));
        datasetCount = allocate();
        publisherOf = new int[datasets];
        int next = 0;
        for (int p = 0; p < dataPublishers; p++) {
            Arrays.fill(publisherOf, next, next + datasetCount[p], p);
            next += datasetCount[p];
        }
        shuffle(publisherOf, new Rng(seed, Ids.PUBLISHER, -2));
        publisherNames = new String[publishers];
        for (int p = 0; p < publishers; p++) {
            publisherNames[p] = Words.slug(Words.publisherTitle(p), 100);
        }
        firstDataset = new int[publishers];
        Arrays.fill(firstDataset, -1);
        for (int i = datasets - 1; i >= 0; i--) {
            firstDataset[publisherOf[i]] = i;
        }

        staffStart = new int[publishers + 1];
        staffStart[0] = SYSADMINS;
        for (int p = 0; p < publishers; p++) {
            Rng r = new Rng(seed, Ids.PUBLISHER, p, 1);
            int staff = p < dataPublishers
                    ? 1 + Math.min(15, r.geometric(0.5 + Math.log(datasetCount[p]) / Math.log(2)))
                    : (r.chance(0.4) ? 1 : 0);
            staffStart[p + 1] = staffStart[p] + staff;
        }
        trapStart = staffStart[publishers];
        trapPairs = Math.max(2, datasets / 2500);
        idleStart = trapStart + 2 * trapPairs;
        users = idleStart + Math.max(10, datasets / 2);

        sources = clamp(datasets / 250, SOURCE_TYPES.length + 1, 300);
        sourcePublisher = new int[sources];
        sourceJobs = new int[sources];
        List<List<Integer>> bySource = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            bySource.add(new ArrayList<>());
        }
        for (int s = 0; s < sources; s++) {
            Rng r = new Rng(seed, Ids.HARVEST_SOURCE, s);
            sourcePublisher[s] = r.zipf(dataPublishers, 1.1);
            sourceJobs[s] = 1 + r.nextInt(6);
            bySource.get(sourcePublisher[s]).add(s);
        }
        publisherSources = new int[publishers][];
        for (int p = 0; p < publishers; p++) {
            publisherSources[p] = bySource.get(p).stream().mapToInt(Integer::intValue).toArray();
        }

        groups = clamp(datasets / 2000, 3, 40);
        tags = clamp(datasets / 3, 60, 20000);
    }

    /**
     * Datasets per publishing publisher, largest first, summing to {@link #datasets}: log-normal
     * draws scaled to the total, each at least 1.
     */
    private int[] allocate() {
        Rng r = new Rng(seed, Ids.PUBLISHER, -1);
        double[] raw = new double[dataPublishers];
        double sum = 0;
        for (int p = 0; p < dataPublishers; p++) {
            raw[p] = Math.exp(SIGMA * r.gaussian());
            sum += raw[p];
        }
        Arrays.sort(raw);
        int[] counts = new int[publishers];
        long total = 0;
        for (int p = 0; p < dataPublishers; p++) {
            counts[p] = Math.max(1, (int) Math.round(datasets * raw[dataPublishers - 1 - p] / sum));
            total += counts[p];
        }
        // Rounding and the minimum of one leave a small difference: the largest publishers absorb it.
        for (int p = 0; total != datasets; p = (p + 1) % dataPublishers) {
            if (total < datasets) {
                counts[p]++;
                total++;
            } else if (counts[p] > 1) {
                counts[p]--;
                total--;
            }
        }
        return counts;
    }

    private static void shuffle(int[] values, Rng r) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = (int) ((r.nextLong() >>> 1) % (i + 1));
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    // ---- identities -------------------------------------------------------------------------------

    String userId(int u) {
        return Ids.uuid(seed, Ids.USER, u);
    }

    /** Legacy data.gov.uk user names are {@code user_d<Drupal uid>}; the site user is named after the site. */
    String userName(int u) {
        return u == SITE_USER ? "dgu" : "user_d" + (3 + 2L * u + (Rng.mix(seed ^ u) & 1));
    }

    String publisherId(int p) {
        return Ids.uuid(seed, Ids.PUBLISHER, p);
    }

    String publisherName(int p) {
        return publisherNames[p];
    }

    String groupId(int g) {
        return Ids.uuid(seed, Ids.GROUP, g);
    }

    String packageId(int i) {
        return Ids.uuid(seed, Ids.PACKAGE, i);
    }

    String sourceId(int s) {
        return s == sources - 1 ? DELETED_SOURCE_ID : Ids.uuid(seed, Ids.HARVEST_SOURCE, s);
    }

    String sourceType(int s) {
        if (s < SOURCE_TYPES.length) {
            return SOURCE_TYPES[s];
        }
        double u = new Rng(seed, Ids.HARVEST_SOURCE, s, 1).nextDouble();
        return u < 0.35 ? "gemini-waf" : u < 0.6 ? "gemini-csw" : u < 0.75 ? "gemini-single" : u < 0.9 ? "data_json" : "dkan";
    }

    String jobId(int s, int j) {
        return Ids.uuid(seed, Ids.HARVEST_JOB, Ids.child(s, j, 8));
    }

    /** Revision {@code j} of dataset {@code i}. */
    String datasetRevisionId(int i, int j) {
        return Ids.uuid(seed, Ids.REVISION, Ids.child(i, j, 6));
    }

    /** The revision that created publisher {@code p} (or, past the publishers, group {@code p - publishers}). */
    String groupRevisionId(int p) {
        return Ids.uuid(seed, Ids.REVISION, -1L - p);
    }

    String tagName(int t) {
        return t < Words.TAG_WORDS.length ? Words.TAG_WORDS[t]
                : Words.TAG_WORDS[t % Words.TAG_WORDS.length] + "-" + Words.TAG_WORDS[(t / 7) % Words.TAG_WORDS.length]
                        + "-" + t;
    }

    int staffCount(int p) {
        return staffStart[p + 1] - staffStart[p];
    }

    /** The publisher a trap pair's two users edit for (so that both count as publishing users). */
    int trapPublisher(int pair) {
        return pair % dataPublishers;
    }

    long publisherCreated(int p) {
        return START + (long) new Rng(seed, Ids.PUBLISHER, p, 2).nextInt(700) * DAY;
    }

    Dataset dataset(int i) {
        return new Dataset(this, i);
    }
}
