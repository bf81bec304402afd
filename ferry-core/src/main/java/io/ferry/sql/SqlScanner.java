package io.ferry.sql;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.IOException;

/**
 * Cuts script text into statements and backslash commands with the lexical rules of psql, holding
 * only the statement in progress. It is a state machine fed one character at a time; inside strings
 * and comments it takes the run up to the next character that matters in one step.
 *
 * <p>A semicolon ends a statement only outside quotes and comments (see {@link StatementShape} for
 * parentheses and {@code BEGIN ATOMIC} bodies). Quotes understood: {@code '...'} with {@code ''}
 * (which also covers {@code B'..'}, {@code X'..'}, {@code N'..'} and {@code U&'..'}), {@code E'...'}
 * with backslash escapes, {@code "..."} with {@code ""}, and dollar quotes {@code $$...$$} and
 * {@code $tag$...$tag$}. Comments: {@code --} to the end of the line and nesting {@code /* *}{@code /}.
 *
 * <p>Plain {@code '...'} strings are read with {@code standard_conforming_strings} on (a backslash
 * is an ordinary character), the server default since 9.1 and what pg_dump sets; a script that
 * turns it off and writes {@code \'} inside a plain string is not split correctly.
 */
final class SqlScanner {
    // Lexical states. Plain int constants keep the per-character switch cheap.
    private static final int CODE = 0;
    private static final int QUOTED = 1;
    private static final int ESCAPE_QUOTED = 2;
    private static final int QUOTED_IDENTIFIER = 3;
    private static final int DOLLAR_QUOTED = 4;
    private static final int LINE_COMMENT = 5;
    private static final int BLOCK_COMMENT = 6;

    /** A statement buffer grown beyond this is dropped after use rather than kept for the rest of the script. */
    private static final int KEEP_CAPACITY = 1 << 20;

    private final CharSource in;
    private final StatementShape shape = new StatementShape();
    private final StringBuilder metaLine = new StringBuilder(64);
    private final TextBuffer text = new TextBuffer();

    // State of the statement in progress.
    private int state;
    private boolean started;
    private int startLine;
    private int openedAt;
    private int commentDepth;
    private int lineCommentEnd;
    private char[] delimiter = new char[16];
    private int delimiterLength;
    private int delimiterMatched;
    private boolean copyFromStdin;

    SqlScanner(CharSource in) {
        this.in = in;
    }

    /** Whether the statement last returned by {@link #next()} was {@code COPY ... FROM stdin}; its data starts on the next line. */
    boolean endedCopyFromStdin() {
        return copyFromStdin;
    }

    /** The next statement or backslash command; null at the end of the input. */
    ScriptItem next() throws IOException {
        reset();
        for (;;) {
            int ch = in.read();
            if (ch < 0) {
                return endOfInput();
            }
            char c = (char) ch;
            switch (state) {
                case CODE -> {
                    if (c == ';' && shape.atTopLevel()) {
                        if (started) {
                            return endStatement();
                        }
                        // A semicolon with nothing before it is an empty statement: nothing to return.
                    } else if (c == '\\' && !started) {
                        return metaCommand();
                    } else {
                        code(c);
                    }
                }
                case QUOTED -> quoted(c, '\'');
                case QUOTED_IDENTIFIER -> quoted(c, '"');
                case ESCAPE_QUOTED -> escapeQuoted(c);
                case DOLLAR_QUOTED -> dollarQuoted(c);
                case LINE_COMMENT -> lineComment(c);
                default -> blockComment(c);
            }
        }
    }

    private void reset() {
        text.clear(KEEP_CAPACITY);
        shape.reset();
        state = CODE;
        started = false;
        lineCommentEnd = -1;
        copyFromStdin = false;
    }

    /** A character outside quotes and comments. */
    private void code(char c) throws IOException {
        if (isSpace(c)) {
            if (started) {
                text.append(c);
            }
            return;
        }
        if (c == '-' && in.peek(0) == '-') {
            in.read();
            state = LINE_COMMENT;
            if (started) {
                text.append("--");
            }
            return;
        }
        if (c == '/' && in.peek(0) == '*') {
            in.read();
            state = BLOCK_COMMENT;
            commentDepth = 1;
            openedAt = in.line();
            if (started) {
                text.append("/*");
            }
            return;
        }
        if (!started) {
            started = true;
            startLine = in.line();
        }
        text.append(c);
        if (isWordStart(c)) {
            word();
            return;
        }
        switch (c) {
            case '\'' -> open(QUOTED);
            case '"' -> open(QUOTED_IDENTIFIER);
            case '$' -> dollar();
            case '(' -> shape.openParenthesis();
            case ')' -> shape.closeParenthesis();
            default -> {
                shape.otherToken();
                if (isDigit(c)) {
                    number();
                }
            }
        }
    }

    private void open(int quoteState) {
        shape.otherToken();
        state = quoteState;
        openedAt = in.line();
    }

    /** A keyword or identifier whose first character is already in the text; also spots the E of E'...'. */
    private void word() throws IOException {
        int start = text.length() - 1;
        restOfWord();
        int length = text.length() - start;
        // Only a word that is exactly "E" prefixes an escape string: in "code'a\'" the quote opens a plain string.
        if (length == 1 && (text.charAt(start) == 'e' || text.charAt(start) == 'E') && in.peek(0) == '\'') {
            text.append((char) in.read());
            open(ESCAPE_QUOTED);
            return;
        }
        shape.word(text, start, length);
    }

    private void restOfWord() throws IOException {
        in.appendWordPart(text);
    }

    /**
     * The rest of a number whose first digit is already in the text. Letters right after the digits
     * (an exponent, a hex prefix, or junk the server rejects) belong to it, so that the "e" of
     * {@code 1e'x'} never starts an escape string. A '$' right after the digits does not: in
     * {@code 1$$...$$} it opens a dollar quote, as in the server's lexer.
     */
    private void number() throws IOException {
        for (int p = in.peek(0); p >= 0 && (isDigit((char) p) || p == '_'); p = in.peek(0)) {
            text.append((char) in.read());
        }
        int p = in.peek(0);
        if (p >= 0 && isWordStart((char) p)) {
            restOfWord();
        }
    }

    /**
     * After a '$' in code: opens a dollar quote if the '$' starts a delimiter ({@code $$} or
     * {@code $tag$}, the tag an identifier without '$'). Otherwise the '$' is an ordinary character,
     * as in the parameter {@code $1}, and what follows is scanned normally.
     */
    private void dollar() throws IOException {
        shape.otherToken();
        int tagLength = 0;
        int p = in.peek(0);
        if (p != '$') {
            if (p < 0 || !isWordStart((char) p)) {
                return;
            }
            tagLength = 1;
            for (p = in.peek(1); p >= 0 && isTagPart((char) p); p = in.peek(tagLength)) {
                tagLength++;
            }
            if (p != '$') {
                return;
            }
        }
        delimiterLength = tagLength + 2;
        if (delimiter.length < delimiterLength) {
            delimiter = new char[delimiterLength];
        }
        delimiter[0] = '$';
        for (int i = 1; i < delimiterLength; i++) {
            char d = (char) in.read();
            delimiter[i] = d;
            text.append(d);
        }
        delimiterMatched = 0;
        openedAt = in.line();
        state = DOLLAR_QUOTED;
    }

    private void quoted(char c, char quote) throws IOException {
        if (!closes(c, quote)) {
            in.appendUntil(text, quote, quote);
        }
    }

    private void escapeQuoted(char c) throws IOException {
        if (c == '\\') {
            text.append(c);
            int escaped = in.read();
            if (escaped >= 0) {
                text.append((char) escaped);
            }
            // At the end of the input the next read reports the unterminated string.
        } else if (closes(c, '\'')) {
            return;
        }
        in.appendUntil(text, '\'', '\\');
    }

    /** Appends a character of a quoted string or identifier; true if it is the closing quote (a doubled quote is not). */
    private boolean closes(char c, char quote) throws IOException {
        text.append(c);
        if (c != quote) {
            return false;
        }
        if (in.peek(0) == quote) {
            text.append((char) in.read());
            return false;
        }
        state = CODE;
        return true;
    }

    /**
     * Inside a dollar quote, matches the closing delimiter as characters arrive, without look-ahead.
     * A mismatch can only restart the match at a '$', because the tag contains no '$'.
     */
    private void dollarQuoted(char c) throws IOException {
        text.append(c);
        if (c == delimiter[delimiterMatched]) {
            if (++delimiterMatched == delimiterLength) {
                state = CODE;
            }
        } else {
            delimiterMatched = c == '$' ? 1 : 0;
        }
        if (delimiterMatched == 0) {
            in.appendUntil(text, '$', '$');
        }
    }

    private void lineComment(char c) throws IOException {
        if (started) {
            text.append(c);
        }
        if (c == '\n') {
            state = CODE;
            if (started) {
                lineCommentEnd = text.length();
            }
        } else {
            in.appendUntil(started ? text : null, '\n', '\n');
        }
    }

    private void blockComment(char c) throws IOException {
        if (started) {
            text.append(c);
        }
        if (c == '*' && in.peek(0) == '/') {
            in.read();
            if (started) {
                text.append('/');
            }
            if (--commentDepth == 0) {
                state = CODE;
            }
        } else if (c == '/' && in.peek(0) == '*') {
            in.read();
            if (started) {
                text.append('*');
            }
            commentDepth++;
        }
        if (state == BLOCK_COMMENT) {
            in.appendUntil(started ? text : null, '*', '/');
        }
    }

    private ScriptItem endOfInput() throws IOException {
        switch (state) {
            case QUOTED -> throw unterminated("quoted string");
            case ESCAPE_QUOTED -> throw unterminated("escape string E'...'");
            case QUOTED_IDENTIFIER -> throw unterminated("quoted identifier");
            case DOLLAR_QUOTED -> throw unterminated("dollar-quoted string " + new String(delimiter, 0, delimiterLength));
            case BLOCK_COMMENT -> throw unterminated("comment /*");
            case LINE_COMMENT -> {
                if (started) {
                    text.append('\n');
                    lineCommentEnd = text.length();
                }
            }
            default -> {
                // CODE: the last statement may lack its semicolon.
            }
        }
        return started ? endStatement() : null;
    }

    private FerryException unterminated(String what) {
        return new FerryException(ErrorCode.INPUT,
                "unterminated " + what + " starting at line " + openedAt + " (the script ends inside it)");
    }

    private SqlStatement endStatement() throws IOException {
        int end = text.length();
        while (end > 0 && isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (end < lineCommentEnd) {
            end = lineCommentEnd;
        }
        SqlStatement statement = new SqlStatement(text.toString(end), startLine);
        copyFromStdin = shape.isCopyFromStdin();
        if (copyFromStdin) {
            skipRestOfCopyLine();
        }
        return statement;
    }

    /** The data of COPY FROM stdin starts on the next line; only blanks or a -- comment may follow the semicolon. */
    private void skipRestOfCopyLine() throws IOException {
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c == '-' && in.peek(0) == '-') {
                in.skipLine();
                return;
            }
            if (!isSpace((char) c)) {
                throw new FerryException(ErrorCode.INPUT, "unexpected text after COPY ... FROM stdin at line "
                        + in.line() + ": the data must start on the next line");
            }
        }
    }

    /** A backslash command: the backslash is read; the command runs to the end of the line. */
    private MetaCommand metaCommand() throws IOException {
        int line = in.line();
        metaLine.setLength(0);
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            metaLine.append((char) c);
        }
        int nameEnd = 0;
        while (nameEnd < metaLine.length() && !isSpace(metaLine.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = metaLine.substring(0, nameEnd);
        if (name.isEmpty()) {
            throw new FerryException(ErrorCode.INPUT, "backslash without a command name at line " + line);
        }
        if (name.equals(".")) {
            // Most likely a COPY whose FROM stdin this reader did not recognise; its data would have been taken for SQL.
            throw new FerryException(ErrorCode.INPUT, "end-of-data marker \\. outside COPY data at line " + line);
        }
        return new MetaCommand(name, metaLine.substring(nameEnd).trim(), line);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /** Letters, '_' and, as in PostgreSQL, every non-ASCII character start identifiers and keywords. */
    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** Identifiers continue with digits and '$' too. */
    static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '$';
    }

    /** Dollar-quote tags are identifiers without '$'. */
    private static boolean isTagPart(char c) {
        return isWordStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
