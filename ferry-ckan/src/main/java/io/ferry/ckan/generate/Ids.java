package io.ferry.ckan.generate;

import java.util.UUID;

/**
 * Deterministic UUIDs (version 4 layout) for every generated row: a pure function of the seed, the
 * kind of object and its number, so that any writer can name a row another writer produced without
 * a lookup table.
 */
final class Ids {
    static final int REVISION = 1;
    static final int USER = 2;
    static final int PUBLISHER = 3;
    static final int GROUP = 4;
    static final int PACKAGE = 5;
    static final int EXTRA = 6;
    static final int TAG = 7;
    static final int PACKAGE_TAG = 8;
    static final int RESOURCE_GROUP = 9;
    static final int RESOURCE = 10;
    static final int MEMBER = 11;
    static final int GROUP_EXTRA = 12;
    static final int ACTIVITY = 13;
    static final int ACTIVITY_DETAIL = 14;
    static final int HARVEST_SOURCE = 15;
    static final int HARVEST_JOB = 16;
    static final int HARVEST_OBJECT = 17;
    static final int HARVEST_OBJECT_EXTRA = 18;
    static final int HARVEST_ERROR = 19;
    static final int MISC = 20;
    static final int API_KEY = 21;
    static final int VOCABULARY = 22;
    static final int DATASTORE = 23;

    private Ids() {
    }

    static String uuid(long seed, int kind, long number) {
        long hi = Rng.mix(seed * 31 + kind * 0x9e3779b97f4a7c15L + Rng.mix(number));
        long lo = Rng.mix(hi ^ number ^ 0xd1b54a32d192ed03L);
        hi = (hi & ~0xf000L) | 0x4000L;
        lo = (lo & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    /** Packs a parent number and a child position into one number (children below 2^bits). */
    static long child(long parent, int position, int bits) {
        return (parent << bits) | position;
    }
}
