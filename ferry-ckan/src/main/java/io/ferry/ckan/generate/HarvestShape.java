package io.ferry.ckan.generate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which generation of ckanext-harvest's tables the generated catalog has. */
public enum HarvestShape {
    /** data.gov.uk's fork after its last upgrades (v2, v3, v3_dgu, v3.1_dgu), as in legacy.sql. */
    DGU("dgu"),
    /**
     * The tables as ckanext-harvest created them before its v2 upgrade, as other old sites still have
     * them: no source title, frequency, next_run or name; no object current, harvest_source_id,
     * import times, state or report status; no job finished time, no error line; no object extras
     * and none of DGU's coupled resources.
     */
    PRE_V2("pre-v2");

    private final String label;

    HarvestShape(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** {@code dgu} or {@code pre-v2}; anything else is a usage error. */
    public static HarvestShape parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new FerryException(ErrorCode.USAGE, "--harvest-shape must be one of "
                        + Arrays.stream(values()).map(HarvestShape::label).collect(Collectors.joining(", "))
                        + ", not '" + text + "'"));
    }
}
