package io.ferry.ckan.generate;

/**
 * One dataset's shape, re-derived from the seed and its number whenever a writer needs it: owner,
 * state, revision history, how many resources, tags and harvest objects it has. Cheap to build, so
 * each table's writer builds it again rather than anyone keeping it.
 */
final class Dataset {
    static final int NOT_ORGANOGRAM = 0;
    static final int DEPARTMENTAL = 1;
    static final int LOCAL_AUTHORITY = 2;
    /** Organogram datasets publish a senior and a junior staff CSV per period, plus a viewer link. */
    static final int ORGANOGRAM_PERIODS = 4;

    final int index;
    final String id;
    final int publisher;
    final int organogram;
    final String state;
    final boolean isPrivate;
    final int source;
    final String title;
    final String name;
    final long[] revisionTimes;
    final int creator;
    final int resources;
    final int tags;
    final int group;
    final int harvestObjects;

    Dataset(Catalog c, int i) {
        Rng r = new Rng(c.seed, Ids.PACKAGE, i);
        index = i;
        id = c.packageId(i);
        publisher = c.publisherOf[i];
        organogram = c.firstDataset[publisher] == i && publisher % 4 == 0
                ? (publisher < Words.DEPARTMENTS.length ? DEPARTMENTAL : LOCAL_AUTHORITY) : NOT_ORGANOGRAM;
        double u = r.nextDouble();
        state = organogram != NOT_ORGANOGRAM || u >= 0.10 ? "active" : u < 0.07 ? "deleted" : "draft";
        isPrivate = state.equals("active") && organogram == NOT_ORGANOGRAM && r.chance(0.03);
        int[] ownSources = c.publisherSources[publisher];
        source = organogram == NOT_ORGANOGRAM && ownSources.length > 0 && r.chance(0.8)
                ? ownSources[r.nextInt(ownSources.length)] : -1;
        String publisherTitle = Words.publisherTitle(publisher);
        title = organogram != NOT_ORGANOGRAM ? "Organogram of staff roles and salaries - " + publisherTitle
                : Words.datasetTitle(r, publisherTitle);
        name = Words.slug(title, 90) + "-" + Integer.toString(i, 36);

        int revisions = organogram != NOT_ORGANOGRAM ? ORGANOGRAM_PERIODS
                : 1 + Math.min(11, r.geometric(source >= 0 ? 2.5 : 0.8));
        revisionTimes = new long[revisions];
        long t = Catalog.START + (long) (r.nextDouble() * (Catalog.END - Catalog.START - 120 * Catalog.DAY));
        for (int j = 0; j < revisions; j++) {
            revisionTimes[j] = Math.min(t, Catalog.END);
            t += 3600 + (long) r.nextInt(120) * Catalog.DAY + r.nextInt(86400);
        }
        int staff = c.staffCount(publisher);
        creator = staff > 0 ? c.staffStart[publisher] + r.nextInt(staff) : Catalog.SITE_USER;

        double v = r.nextDouble();
        resources = organogram != NOT_ORGANOGRAM ? 2 * ORGANOGRAM_PERIODS + 1
                : v < 0.05 ? 0 : v < 0.99 ? 1 + r.geometric(1.5) : 20 + r.nextInt(130);
        tags = Math.min(20, r.geometric(2.5));
        group = r.chance(0.06) ? r.nextInt(c.groups) : -1;
        harvestObjects = source >= 0 ? 1 + Math.min(5, r.geometric(0.8)) : 0;
    }

    int revisions() {
        return revisionTimes.length;
    }

    long created() {
        return revisionTimes[0];
    }

    long modified() {
        return revisionTimes[revisionTimes.length - 1];
    }

    /** Drafts and private datasets never made it into the activity stream. */
    boolean hasActivity() {
        return !state.equals("draft") && !isPrivate;
    }

    /** The revision in which resource {@code r} appeared: the first ones at creation, later ones spread out. */
    int resourceRevision(Catalog c, int r) {
        if (organogram != NOT_ORGANOGRAM) {
            return Math.min(revisions() - 1, r / 2);
        }
        return r == 0 ? 0 : (int) ((Rng.mix(c.seed ^ Rng.mix(Ids.child(index, r, 12))) >>> 1) % revisions());
    }

    /** The user behind revision {@code j}: the creator first, then the publisher's admin. */
    int author(Catalog c, int j) {
        return j == 0 || c.staffCount(publisher) == 0 ? creator : c.staffStart[publisher];
    }

    String harvestObjectId(Catalog c, int k) {
        return Ids.uuid(c.seed, Ids.HARVEST_OBJECT, Ids.child(index, k, 3));
    }

    /** The job that harvested object {@code k}: older objects from older jobs. */
    int harvestJob(Catalog c, int k) {
        int jobs = c.sourceJobs[source];
        return Math.min(jobs - 1, Math.max(0, jobs - harvestObjects + k));
    }

    /** The identifier the harvested record carries at its source (a GEMINI file identifier, a DCAT id). */
    String guid(Catalog c) {
        return Ids.uuid(c.seed, Ids.MISC, Ids.child(index, 7, 3));
    }
}
