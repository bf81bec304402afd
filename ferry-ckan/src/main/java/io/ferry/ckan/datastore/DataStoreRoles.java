package io.ferry.ckan.datastore;

import io.ferry.ErrorCode;
import io.ferry.FerryException;

/**
 * The two roles of a CKAN DataStore: the write role (the user of {@code ckan.datastore.write_url}),
 * which creates and owns every table, and the read role (the user of {@code ckan.datastore.read_url}),
 * which {@code datastore_search_sql} runs as and which may only read. The defaults are the names
 * CKAN's installation guide uses.
 */
public record DataStoreRoles(String write, String read) {
    public static final String DEFAULT_WRITE = "ckan_default";
    public static final String DEFAULT_READ = "datastore_default";

    public DataStoreRoles {
        require(write, "--datastore-write-role");
        require(read, "--datastore-read-role");
        if (write.equals(read)) {
            throw new FerryException(ErrorCode.USAGE, "the DataStore's read and write roles must differ (both are "
                    + write + "): the read role may only read");
        }
    }

    public static DataStoreRoles defaults() {
        return new DataStoreRoles(DEFAULT_WRITE, DEFAULT_READ);
    }

    private static void require(String role, String option) {
        if (role == null || role.isBlank() || role.indexOf('\0') >= 0) {
            throw new FerryException(ErrorCode.USAGE, option + " needs a role name");
        }
    }
}
