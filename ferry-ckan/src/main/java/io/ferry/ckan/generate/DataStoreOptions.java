package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.ckan.datastore.DataStoreRoles;

/**
 * What to generate in the DataStore beside the catalog.
 *
 * @param tables    how many tables; {@link #SCALED} for one per {@value #DATASETS_PER_TABLE} datasets
 * @param largeRows how many rows each of the few large tables holds
 * @param roles     the write role that owns everything and the read role granted as set-permissions grants
 */
public record DataStoreOptions(int tables, int largeRows, DataStoreRoles roles) {
    public static final int SCALED = -1;
    public static final int DATASETS_PER_TABLE = 10;
    public static final int DEFAULT_LARGE_ROWS = 100_000;
    public static final int MAX_LARGE_ROWS = 50_000_000;

    public DataStoreOptions {
        if (tables != SCALED && tables < 1) {
            throw new FerryException(ErrorCode.USAGE, "--datastore-tables must be at least 1, not " + tables);
        }
        if (largeRows < 1 || largeRows > MAX_LARGE_ROWS) {
            throw new FerryException(ErrorCode.USAGE, "--datastore-large-rows must be between 1 and " + MAX_LARGE_ROWS
                    + ", not " + largeRows);
        }
        if (roles == null) {
            throw new FerryException(ErrorCode.USAGE, "no DataStore roles given");
        }
    }

    /** The number of tables for a catalog of {@code datasets}. */
    int tablesFor(int datasets) {
        return tables == SCALED ? Math.max(1, datasets / DATASETS_PER_TABLE) : tables;
    }
}
