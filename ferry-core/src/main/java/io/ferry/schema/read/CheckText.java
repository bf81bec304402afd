package io.ferry.schema.read;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One spelling for a constraint's text where PostgreSQL stores the same condition two ways.
 * {@code CHECK (col IN ('a', 'b'))} on a varchar column is stored, and written back, as
 * {@code (col)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])}; that
 * text, run again, is stored as {@code ARRAY[('a'::character varying)::text, ...]}, each element cast
 * on its own. Both mean the same, so the second is rewritten into the first: a schema made from
 * another's text then compares equal to it, and a diff settles.
 */
public final class CheckText {
    private static final String LITERAL = "'(?:[^']|'')*'";
    private static final String TYPE = "[a-z][a-z ]*(?:\\(\\d+(?:,\\d+)?\\))?";
    private static final Pattern ELEMENT = Pattern.compile("\\((" + LITERAL + "::(" + TYPE + "))\\)::(" + TYPE + ")");
    private static final Pattern ARRAY = Pattern.compile("ARRAY\\[(\\(" + LITERAL + "::" + TYPE + "\\)::" + TYPE
            + "(?:, \\(" + LITERAL + "::" + TYPE + "\\)::" + TYPE + ")*)\\]");

    private CheckText() {
    }

    public static String canonical(String definition) {
        if (!definition.contains("ARRAY[(")) {
            return definition;
        }
        Matcher array = ARRAY.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (array.find()) {
            Matcher element = ELEMENT.matcher(array.group(1));
            StringBuilder elements = new StringBuilder();
            String from = null;
            String to = null;
            boolean same = true;
            while (element.find()) {
                same &= (from == null || from.equals(element.group(2)) && to.equals(element.group(3)));
                from = element.group(2);
                to = element.group(3);
                elements.append(elements.isEmpty() ? "" : ", ").append(element.group(1));
            }
            String replacement = same && to != null ? "(ARRAY[" + elements + "])::" + to + "[]" : array.group();
            array.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        array.appendTail(out);
        return out.toString();
    }
}
