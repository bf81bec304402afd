package io.ferry.sql;

/**
 * What the scanner needs to know about the tokens of the statement in progress, beyond quotes and
 * comments: whether a semicolon ends it, and whether it is a {@code COPY ... FROM stdin}.
 *
 * <p>A semicolon does not end a statement inside parentheses (pg_dump writes rules with several
 * actions as {@code DO ( INSERT ...; UPDATE ...; )}), nor inside the {@code BEGIN ATOMIC ... END}
 * body of a {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}. Like psql, the body is found with a
 * heuristic rather than a parser: in such a statement, outside parentheses, {@code BEGIN ATOMIC}
 * opens a block, a {@code CASE} inside a block opens one too (it also closes with {@code END}), and
 * each {@code END} closes one. psql counts every {@code BEGIN}; requiring {@code ATOMIC} after it
 * keeps a parameter or column named {@code begin} (an unreserved keyword) from swallowing the rest
 * of the script. Words are compared case-insensitively, in ASCII.
 */
final class StatementShape {
    // Progress through the statement's first words, to recognise CREATE [OR REPLACE] FUNCTION|PROCEDURE.
    private static final int FIRST_WORD = 0;
    private static final int AFTER_CREATE = 1;
    private static final int AFTER_CREATE_OR = 2;
    private static final int AFTER_CREATE_OR_REPLACE = 3;
    private static final int ROUTINE = 4;
    private static final int OTHER = 5;

    private int header;
    private int parenDepth;
    private int blockDepth;
    private boolean afterBegin;
    private boolean copy;
    private boolean afterFrom;
    private boolean fromStdin;

    void reset() {
        header = FIRST_WORD;
        parenDepth = 0;
        blockDepth = 0;
        afterBegin = false;
        copy = false;
        afterFrom = false;
        fromStdin = false;
    }

    /** Whether a semicolon here ends the statement. */
    boolean atTopLevel() {
        return parenDepth == 0 && blockDepth == 0;
    }

    /** Whether the statement is {@code COPY ... FROM STDIN}, so that data lines follow it. */
    boolean isCopyFromStdin() {
        return fromStdin;
    }

    void openParenthesis() {
        parenDepth++;
        otherToken();
    }

    void closeParenthesis() {
        // An unbalanced ')' is the server's problem; it must not make later semicolons invisible.
        if (parenDepth > 0) {
            parenDepth--;
        }
        otherToken();
    }

    /** Any token that is neither a word nor a parenthesis: a string, a quoted identifier, a number, an operator. */
    void otherToken() {
        afterFrom = false;
        afterBegin = false;
    }

    /** An unquoted word (keyword or identifier): {@code length} characters of {@code text} from {@code start}. */
    void word(CharSequence text, int start, int length) {
        switch (header) {
            case FIRST_WORD -> {
                if (is(text, start, length, "create")) {
                    header = AFTER_CREATE;
                } else {
                    header = OTHER;
                    copy = is(text, start, length, "copy");
                }
            }
            case AFTER_CREATE -> header = is(text, start, length, "or") ? AFTER_CREATE_OR
                    : isRoutine(text, start, length) ? ROUTINE : OTHER;
            case AFTER_CREATE_OR -> header = is(text, start, length, "replace") ? AFTER_CREATE_OR_REPLACE : OTHER;
            case AFTER_CREATE_OR_REPLACE -> header = isRoutine(text, start, length) ? ROUTINE : OTHER;
            case ROUTINE -> {
                if (parenDepth == 0) {
                    trackBlock(text, start, length);
                }
            }
            default -> {
                if (copy) {
                    trackCopySource(text, start, length);
                }
            }
        }
    }

    private void trackBlock(CharSequence text, int start, int length) {
        boolean opensBlock = afterBegin && is(text, start, length, "atomic");
        afterBegin = !opensBlock && is(text, start, length, "begin");
        if (opensBlock) {
            blockDepth++;
        } else if (is(text, start, length, "case")) {
            if (blockDepth > 0) {
                blockDepth++;
            }
        } else if (is(text, start, length, "end")) {
            if (blockDepth > 0) {
                blockDepth--;
            }
        }
    }

    private void trackCopySource(CharSequence text, int start, int length) {
        // Only FROM STDIN at the top level counts: "COPY (SELECT * FROM stdin) TO stdout" reads a table named stdin.
        if (afterFrom && is(text, start, length, "stdin")) {
            fromStdin = true;
            afterFrom = false;
        } else {
            afterFrom = parenDepth == 0 && is(text, start, length, "from");
        }
    }

    private static boolean isRoutine(CharSequence text, int start, int length) {
        return is(text, start, length, "function") || is(text, start, length, "procedure");
    }

    /** Whether the word equals {@code keyword} (given in lower case), ignoring ASCII case. */
    static boolean is(CharSequence text, int start, int length, String keyword) {
        if (length != keyword.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(start + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != keyword.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
