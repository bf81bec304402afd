package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What a target holds: what {@code --clean} will drop, to show (and confirm) before anything is
 * dropped, and whether it is empty.
 */
public final class CleanPreview {
    private CleanPreview() {
    }

    /** Up to five objects that make the database non-empty (tables, views, sequences, types); none when empty. */
    public static List<String> contents(ConnectionSpec target) {
        try (Connection c = target.open()) {
            return TargetDatabase.contents(c);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "cannot read what " + target.display() + " holds: "
                    + SqlErrors.describe(e), e);
        }
    }

    /** One entry per schema that cleaning drops, with what it holds; empty for an empty database. */
    public static List<String> of(ConnectionSpec target) {
        try (Connection c = target.open()) {
            return TargetDatabase.cleanPreview(c);
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.CONNECTION, "cannot read what --clean would drop on "
                    + target.display() + ": " + SqlErrors.describe(e), e);
        }
    }
}
