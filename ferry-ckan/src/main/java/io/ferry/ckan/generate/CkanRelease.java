package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A CKAN release a generated catalog can be brought to, to start upgrades from: where core and
 * ckanext-harvest stand on it (CKAN's own bookkeeping then says the same), and whether the release
 * still lets two active users share an e-mail address (CKAN 2.10's core 102 forbids it).
 */
public enum CkanRelease {
    CKAN_2_8("2.8", 86, 6, true),
    CKAN_2_9("2.9", 100, 8, true),
    CKAN_2_10("2.10", 104, 8, false);

    private final String label;
    private final int core;
    private final int harvest;
    private final boolean sharedEmails;

    CkanRelease(String label, int core, int harvest, boolean sharedEmails) {
        this.label = label;
        this.core = core;
        this.harvest = harvest;
        this.sharedEmails = sharedEmails;
    }

    public String label() {
        return label;
    }

    /** The last core step of the release (086, 100, 104). */
    public int core() {
        return core;
    }

    /** The last harvest step on it: 006 before ckanext-harvest's alembic revisions, 008 from CKAN 2.9 on. */
    public int harvest() {
        return harvest;
    }

    /** Whether active users may still share an e-mail address on this release. */
    public boolean allowsSharedEmails() {
        return sharedEmails;
    }

    /** {@code 2.8}, {@code 2.9} or {@code 2.10}; anything else is refused, naming the choices. */
    public static CkanRelease parse(String text) {
        for (CkanRelease r : values()) {
            if (r.label.equals(text.strip())) {
                return r;
            }
        }
        throw new FerryException(ErrorCode.USAGE, "--ckan must be one of "
                + Arrays.stream(values()).map(CkanRelease::label).collect(Collectors.joining(", ")) + ", not '" + text + "'");
    }
}
