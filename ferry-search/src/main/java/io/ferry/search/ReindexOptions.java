package io.ferry.search;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * How to rebuild.
 *
 * @param siteId      CKAN's {@code ckan.site_id}: which site's documents these are
 * @param onlyMissing index only the datasets the index does not have yet
 * @param clear       empty the whole index first (still committed only at the end)
 * @param jobs        connections reading, and threads building and sending, in parallel (1 to 32)
 * @param batch       documents per update request (1 to 100,000)
 */
public record ReindexOptions(String siteId, boolean onlyMissing, boolean clear, int jobs, int batch) {
    public static final int DEFAULT_BATCH = 500;

    public ReindexOptions {
        if (siteId == null || siteId.isBlank()) {
            throw new FerryException(ErrorCode.USAGE, "--site-id must not be empty");
        }
        if (jobs < 1 || jobs > 32) {
            throw new FerryException(ErrorCode.USAGE, "--jobs must be between 1 and 32, not " + jobs);
        }
        if (batch < 1 || batch > 100_000) {
            throw new FerryException(ErrorCode.USAGE, "--batch must be between 1 and 100000, not " + batch);
        }
        if (onlyMissing && clear) {
            throw new FerryException(ErrorCode.USAGE, "give either --only-missing or --clear, not both");
        }
    }
}
