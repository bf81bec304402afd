package io.ferry.sql;

/** Finding the parenthesis that closes another in SQL text the server wrote (a definition, a list). */
public final class Parentheses {
    private Parentheses() {
    }

    /**
     * The index of the parenthesis closing the one at {@code open}, or -1 when there is none (or no
     * parenthesis at {@code open}). Parentheses inside double quoted names or single quoted strings do
     * not count; a doubled quote inside them closes and reopens, which comes to the same.
     */
    public static int closing(String text, int open) {
        if (open < 0 || open >= text.length() || text.charAt(open) != '(') {
            return -1;
        }
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where an optional clause {@code keyword (...)} (e.g. {@code " INCLUDE "}) starting at {@code at}
     * ends, just past its closing parenthesis; {@code at} itself when there is no such clause there,
     * -1 when its parentheses do not close.
     */
    public static int afterClause(String text, int at, String keyword) {
        if (!text.startsWith(keyword + "(", at)) {
            return at;
        }
        int end = closing(text, at + keyword.length());
        return end < 0 ? -1 : end + 1;
    }
}
