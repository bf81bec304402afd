package io.ferry.cli;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them: {@code 512}, {@code 64kB}, {@code 256MB}, {@code 1GB} (powers of 1024). */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|k|mb|m|gb|g|tb|t)?");

    private Sizes() {
    }

    static long parse(String text, String option) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new FerryException(ErrorCode.USAGE, option + ": not a size: '" + text + "' (e.g. 256MB)");
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        return value << shift;
    }
}
