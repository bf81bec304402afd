package io.ferry.sql;

import java.util.Objects;

/**
 * A psql backslash command that stands on its own, outside any statement:
 * <code>&#92;restrict KEY</code> and <code>&#92;unrestrict KEY</code> (written by pg_dump since the
 * minor releases of August 2025, such as 17.6 and 15.14), {@code \connect db},
 * {@code \set ON_ERROR_STOP on}, {@code \i file} and the like. The reader does not execute or
 * validate these; the caller decides which ones it understands.
 *
 * @param name the command name without the backslash, for example {@code "restrict"}; it is the text
 *     up to the first white space
 * @param argument the rest of the line with surrounding white space removed; empty if there is none
 * @param line the 1-based line of the backslash
 */
public record MetaCommand(String name, String argument, int line) implements ScriptItem {
    public MetaCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argument, "argument");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more: " + line);
        }
    }
}
