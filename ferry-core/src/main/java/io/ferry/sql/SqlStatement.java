package io.ferry.sql;

import java.util.Objects;

/**
 * One SQL statement of a script, without its terminating semicolon.
 *
 * <p>The text starts at the statement's first token: comments and blank lines before it are not
 * part of it. Comments inside the statement are kept verbatim. Trailing white space is removed,
 * except that a statement whose last token is a {@code --} comment keeps that comment's line break,
 * so that text appended to {@code sql} is never swallowed by the comment.
 *
 * @param sql the statement text, never empty
 * @param line the 1-based line of the statement's first character (its first non-blank, non-comment
 *     character in the script), for messages of the form {@code file:line}
 */
public record SqlStatement(String sql, int line) implements ScriptItem {
    public SqlStatement {
        Objects.requireNonNull(sql, "sql");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more: " + line);
        }
    }
}
