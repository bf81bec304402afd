package io.ferry.diff;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changing a column's type does to its data. Types are compared as {@code format_type} writes
 * them; only changes known to keep every value are widening, anything else may lose data.
 */
final class TypeChanges {
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");
    private static final Pattern SIZED = Pattern.compile("(character varying|numeric|bit varying)\\((\\d+)(?:,(\\d+))?\\)");

    private TypeChanges() {
    }

    /** True when every value of {@code from} is kept as it is in {@code to}. */
    static boolean widening(String from, String to) {
        if (from.endsWith("[]") && to.endsWith("[]")) {
            return widening(from.substring(0, from.length() - 2), to.substring(0, to.length() - 2));
        }
        int f = INTEGERS.indexOf(from);
        int t = INTEGERS.indexOf(to);
        if (f >= 0 && (t > f || to.equals("numeric"))) {
            return true;
        }
        if (from.equals("real") && to.equals("double precision")) {
            return true;
        }
        return !rewrites(from, to);
    }

    /**
     * False only for changes PostgreSQL makes without touching the rows: a longer or unlimited
     * varchar, varchar to text, an unlimited numeric.
     */
    static boolean rewrites(String from, String to) {
        Matcher f = SIZED.matcher(from);
        if (f.matches()) {
            String base = f.group(1);
            if (to.equals(base) || base.equals("character varying") && to.equals("text")) {
                return false;
            }
            Matcher t = SIZED.matcher(to);
            if (t.matches() && t.group(1).equals(base)) {
                boolean longer = Long.parseLong(t.group(2)) >= Long.parseLong(f.group(2));
                boolean sameScale = java.util.Objects.equals(f.group(3), t.group(3));
                return !(longer && (sameScale || base.equals("character varying")));
            }
        }
        return !(from.equals("character varying") && to.equals("text"));
    }
}
