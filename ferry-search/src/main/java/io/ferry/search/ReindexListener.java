package io.ferry.search;

/** Hears a rebuild's progress; called from several threads at once. */
public interface ReindexListener {
    /** The rebuild is about to read {@code datasets} datasets from the database. */
    void started(long datasets);

    /** {@code count} more datasets were read: sent to Solr, or skipped by --only-missing. */
    void advanced(long count);

    /** Something about one dataset that the user must hear (it was indexed all the same, or not at all). */
    void problem(String line);

    ReindexListener NONE = new ReindexListener() {
        @Override
        public void started(long datasets) {
        }

        @Override
        public void advanced(long count) {
        }

        @Override
        public void problem(String line) {
        }
    };
}
