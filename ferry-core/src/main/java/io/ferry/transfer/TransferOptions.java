package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Glob;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How {@code ferry transfer} runs.
 *
 * @param jobs             parallel workers for copying and for building indexes
 * @param verify           what to check after copying
 * @param resume           continue a transfer recorded in the target
 * @param clean            drop everything in the target first
 * @param keepOwners       keep owners (default: the target's user owns everything, like pg_dump -O)
 * @param keepGrants       keep grants (default: none, like pg_dump -x)
 * @param excludeTableData tables (glob patterns on {@code schema.table} or {@code table}) copied as structure only
 * @param chunkBytes       tables larger than this are split into chunks of about this size
 * @param binary           binary COPY (types are identical, since the target is built from the source's model)
 * @param include          when not empty, only the tables matching one of these globs move (see {@link TableSelection})
 * @param exclude          tables matching one of these globs do not move at all, structure included
 * @param stallSeconds     a chunk's copy that moves no data for this long is aborted (a stalled connection,
 *                         which TCP keepalive alone would not notice for hours)
 * @param dropOids         tables {@code WITH OIDS} (PostgreSQL 11 and older) move without their {@code oid}
 *                         column, which PostgreSQL 12 and later do not have; without it such a source is refused
 * @param roles            the target's roles to own everything and to be granted reading ({@code --owner},
 *                         {@code --grant-read}), or {@link TargetRoles#NONE}
 */
public record TransferOptions(int jobs, Verify verify, boolean resume, boolean clean, boolean keepOwners,
                              boolean keepGrants, List<String> excludeTableData, long chunkBytes, boolean binary,
                              List<String> include, List<String> exclude, int stallSeconds, boolean dropOids,
                              TargetRoles roles) {

    public static final long DEFAULT_CHUNK_BYTES = 256L << 20;
    public static final int DEFAULT_STALL_SECONDS = 300;

    public TransferOptions {
        if (jobs < 1) {
            throw new FerryException(ErrorCode.USAGE, "--jobs must be at least 1");
        }
        if (chunkBytes < 8192) {
            throw new FerryException(ErrorCode.USAGE, "--split-larger-than must be at least 8kB");
        }
        if (resume && clean) {
            throw new FerryException(ErrorCode.USAGE, "--resume and --clean contradict each other");
        }
        if (stallSeconds < 1) {
            throw new FerryException(ErrorCode.USAGE, "--stall-timeout must be at least 1 second");
        }
        roles = roles == null ? TargetRoles.NONE : roles;
        if (keepOwners && roles.owner() != null) {
            throw new FerryException(ErrorCode.USAGE, "--keep-owners and --owner contradict each other");
        }
        if (keepGrants && roles.readRole() != null) {
            throw new FerryException(ErrorCode.USAGE, "--keep-grants and --grant-read contradict each other");
        }
        excludeTableData = List.copyOf(excludeTableData);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    /** No roles given to the target's objects. */
    public TransferOptions(int jobs, Verify verify, boolean resume, boolean clean, boolean keepOwners,
                           boolean keepGrants, List<String> excludeTableData, long chunkBytes, boolean binary,
                           List<String> include, List<String> exclude, int stallSeconds, boolean dropOids) {
        this(jobs, verify, resume, clean, keepOwners, keepGrants, excludeTableData, chunkBytes, binary, include,
                exclude, stallSeconds, dropOids, TargetRoles.NONE);
    }

    /** Tables {@code WITH OIDS} refused. */
    public TransferOptions(int jobs, Verify verify, boolean resume, boolean clean, boolean keepOwners,
                           boolean keepGrants, List<String> excludeTableData, long chunkBytes, boolean binary,
                           List<String> include, List<String> exclude, int stallSeconds) {
        this(jobs, verify, resume, clean, keepOwners, keepGrants, excludeTableData, chunkBytes, binary, include,
                exclude, stallSeconds, false);
    }

    /** Every table, and the default stall timeout. */
    public TransferOptions(int jobs, Verify verify, boolean resume, boolean clean, boolean keepOwners,
                           boolean keepGrants, List<String> excludeTableData, long chunkBytes, boolean binary) {
        this(jobs, verify, resume, clean, keepOwners, keepGrants, excludeTableData, chunkBytes, binary, List.of(),
                List.of(), DEFAULT_STALL_SECONDS);
    }

    /** These options with only the tables that {@code include} and {@code exclude} select. */
    public TransferOptions withTables(List<String> include, List<String> exclude) {
        return toBuilder().tables(include, exclude).build();
    }

    /** These options with another stall timeout. */
    public TransferOptions withStallSeconds(int seconds) {
        return toBuilder().stallSeconds(seconds).build();
    }

    /** These options with tables {@code WITH OIDS} moved without their oid column ({@code --drop-oids}). */
    public TransferOptions withDropOids(boolean drop) {
        return toBuilder().dropOids(drop).build();
    }

    /** These options with the target's objects given to these roles ({@code --owner}, {@code --grant-read}). */
    public TransferOptions withRoles(TargetRoles roles) {
        return toBuilder().roles(roles).build();
    }

    /** These options resuming a recorded transfer or starting afresh (never cleaning: the two exclude each other). */
    public TransferOptions withResume(boolean resume) {
        return toBuilder().resume(resume).clean(false).build();
    }

    /**
     * A builder holding every field of these options: the one way to derive changed options, so a
     * field added later is carried over by every caller.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some fields of a {@link TransferOptions}, keeping the others; validated by {@link #build}. */
    public static final class Builder {
        private int jobs;
        private Verify verify;
        private boolean resume;
        private boolean clean;
        private boolean keepOwners;
        private boolean keepGrants;
        private final List<String> excludeTableData;
        private final long chunkBytes;
        private final boolean binary;
        private List<String> include;
        private List<String> exclude;
        private int stallSeconds;
        private boolean dropOids;
        private TargetRoles roles;

        private Builder(TransferOptions o) {
            jobs = o.jobs;
            verify = o.verify;
            resume = o.resume;
            clean = o.clean;
            keepOwners = o.keepOwners;
            keepGrants = o.keepGrants;
            excludeTableData = o.excludeTableData;
            chunkBytes = o.chunkBytes;
            binary = o.binary;
            include = o.include;
            exclude = o.exclude;
            stallSeconds = o.stallSeconds;
            dropOids = o.dropOids;
            roles = o.roles;
        }

        public Builder jobs(int jobs) {
            this.jobs = jobs;
            return this;
        }

        public Builder verify(Verify verify) {
            this.verify = verify;
            return this;
        }

        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        public Builder clean(boolean clean) {
            this.clean = clean;
            return this;
        }

        public Builder tables(List<String> include, List<String> exclude) {
            this.include = include;
            this.exclude = exclude;
            return this;
        }

        public Builder stallSeconds(int stallSeconds) {
            this.stallSeconds = stallSeconds;
            return this;
        }

        public Builder dropOids(boolean dropOids) {
            this.dropOids = dropOids;
            return this;
        }

        public Builder roles(TargetRoles roles) {
            this.roles = roles;
            return this;
        }

        /** Keep the source's (or archive's) owners and grants ({@code --keep-owners}, {@code --keep-grants}). */
        public Builder keep(boolean owners, boolean grants) {
            this.keepOwners = owners;
            this.keepGrants = grants;
            return this;
        }

        public TransferOptions build() {
            return new TransferOptions(jobs, verify, resume, clean, keepOwners, keepGrants, excludeTableData,
                    chunkBytes, binary, include, exclude, stallSeconds, dropOids, roles);
        }
    }

    /** Whether the table moves at all ({@code --include} / {@code --exclude}). */
    boolean selects(String schema, String table) {
        return (include.isEmpty() || matchesAny(include, schema, table)) && !matchesAny(exclude, schema, table);
    }

    public static TransferOptions defaults() {
        return new TransferOptions(Runtime.getRuntime().availableProcessors(), Verify.CHECKSUMS, false, false, false,
                false, List.of(), DEFAULT_CHUNK_BYTES, true);
    }

    /** Whether the table's rows are left behind (glob match on {@code schema.table} or {@code table}). */
    public boolean excludesData(String schema, String table) {
        return matchesAny(excludeTableData, schema, table);
    }

    private static boolean matchesAny(List<String> patterns, String schema, String table) {
        for (String pattern : patterns) {
            Pattern p = Glob.compile(pattern);
            if (p.matcher(schema + "." + table).matches() || p.matcher(table).matches()) {
                return true;
            }
        }
        return false;
    }
}
