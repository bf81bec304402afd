package io.ferry;

import java.util.regex.Pattern;

/**
 * The patterns Ferry's options take ({@code --exclude-table-data}, {@code --include}, a plan's
 * {@code known_differences}): {@code *} is any run of characters, {@code ?} one character, and
 * nothing else is special, so names with dots, brackets or braces need no escaping.
 */
public final class Glob {
    private Glob() {
    }

    public static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
