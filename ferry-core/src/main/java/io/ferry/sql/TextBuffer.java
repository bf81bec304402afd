package io.ferry.sql;

import java.util.Arrays;

/**
 * The text of the statement in progress: a growable char array, reused from one statement to the
 * next. It stands in for a StringBuilder because appending a run of chars to a StringBuilder checks
 * each char for its compact Latin-1 form, which made that the scanner's biggest cost; here a run is
 * one array copy, and the check happens once, when the statement becomes a String.
 */
final class TextBuffer implements CharSequence {
    private char[] chars = new char[256];
    private int length;

    void append(char c) {
        if (length == chars.length) {
            grow(1);
        }
        chars[length++] = c;
    }

    void append(char[] src, int offset, int count) {
        if (chars.length - length < count) {
            grow(count);
        }
        System.arraycopy(src, offset, chars, length, count);
        length += count;
    }

    void append(String s) {
        for (int i = 0; i < s.length(); i++) {
            append(s.charAt(i));
        }
    }

    /** Empties the buffer; one that grew past {@code keepCapacity} for a huge statement is let go. */
    void clear(int keepCapacity) {
        length = 0;
        if (chars.length > keepCapacity) {
            chars = new char[256];
        }
    }

    /** The first {@code end} characters as a String. */
    String toString(int end) {
        return new String(chars, 0, end);
    }

    @Override
    public String toString() {
        return toString(length);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString(end).substring(start);
    }

    private void grow(int needed) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + needed));
    }
}
