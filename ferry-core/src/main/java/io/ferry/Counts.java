package io.ferry;

import java.util.Locale;

/** Counts as every command prints them: thousands separated, the noun singular for one. */
public final class Counts {
    private Counts() {
    }

    /** {@code of(1, "row")} is "1 row", {@code of(247045, "row")} "247,045 rows". */
    public static String of(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }
}
