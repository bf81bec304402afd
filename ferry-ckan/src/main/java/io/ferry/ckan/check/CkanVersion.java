package io.ferry.ckan.check;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A CKAN release a catalog can be checked for, with the last core migration it brings. */
public enum CkanVersion {
    V2_8("2.8", 86),
    V2_9("2.9", 100),
    V2_10("2.10", 104),
    V2_11("2.11", 105);

    private final String label;
    private final int core;

    CkanVersion(String label, int core) {
        this.label = label;
        this.core = core;
    }

    /** As users write it: {@code 2.10}. */
    public String label() {
        return label;
    }

    /** The number of CKAN's last core migration in this release (086 for 2.8, 105 for 2.11). */
    public int core() {
        return core;
    }

    public boolean atLeast(CkanVersion other) {
        return compareTo(other) >= 0;
    }

    /** {@code 2.8}, {@code 2.9}, {@code 2.10} or {@code 2.11}; anything else is a USAGE error naming them. */
    public static CkanVersion parse(String text) {
        String wanted = text == null ? "" : text.strip();
        for (CkanVersion v : values()) {
            if (v.label.equals(wanted)) {
                return v;
            }
        }
        throw new FerryException(ErrorCode.USAGE, "unknown CKAN version '" + wanted + "': Ferry checks for "
                + Arrays.stream(values()).map(CkanVersion::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return "CKAN " + label;
    }
}
