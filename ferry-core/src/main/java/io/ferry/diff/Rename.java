package io.ferry.diff;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.schema.model.QualifiedName;
import java.util.Objects;

/**
 * A rename the user declares, so that the differ renames instead of dropping one object and adding
 * another: a table ({@code column == null}) or a column of a table.
 *
 * @param table the table, by its name before the rename
 * @param column the column's name before the rename, or null for a table rename
 * @param newName the new name of the table or column
 */
public record Rename(QualifiedName table, String column, String newName) {
    public Rename {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(newName, "newName");
    }

    /**
     * Parses {@code table:[SCHEMA.]OLD=NEW} or {@code column:[SCHEMA.]TABLE.OLD=NEW}; a name without a
     * schema is in {@code public}. Names are taken as written (case kept, no quotes).
     *
     * @throws FerryException with {@link ErrorCode#USAGE} if the text has neither form
     */
    public static Rename parse(String text) {
        int colon = text.indexOf(':');
        int equals = text.lastIndexOf('=');
        if (colon < 0 || equals < colon + 2 || equals == text.length() - 1) {
            throw usage(text);
        }
        String kind = text.substring(0, colon);
        String old = text.substring(colon + 1, equals);
        String newName = text.substring(equals + 1);
        if (kind.equals("table")) {
            return new Rename(qualified(old, text), null, newName);
        }
        if (kind.equals("column")) {
            int dot = old.lastIndexOf('.');
            if (dot <= 0 || dot == old.length() - 1) {
                throw usage(text);
            }
            return new Rename(qualified(old.substring(0, dot), text), old.substring(dot + 1), newName);
        }
        throw usage(text);
    }

    private static QualifiedName qualified(String name, String text) {
        int dot = name.indexOf('.');
        if (dot == 0 || dot == name.length() - 1) {
            throw usage(text);
        }
        return dot < 0 ? QualifiedName.of("public", name) : QualifiedName.of(name.substring(0, dot), name.substring(dot + 1));
    }

    private static FerryException usage(String text) {
        return new FerryException(ErrorCode.USAGE, "--rename " + text
                + ": expected table:[SCHEMA.]OLD=NEW or column:[SCHEMA.]TABLE.OLD=NEW");
    }
}
