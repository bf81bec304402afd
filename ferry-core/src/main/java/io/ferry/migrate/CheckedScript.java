package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import io.ferry.sql.Transactions;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs one SQL script with the directives of a migration file ({@code -- ferry:capture},
 * {@code -- ferry:assert}, {@code -- ferry:no-transaction}) outside any module: captures before the
 * body, assertions after it, all in one transaction that a false assertion rolls back. No history row
 * is written; the caller keeps the outcome.
 */
public final class CheckedScript {
    private CheckedScript() {
    }

    /**
     * Runs {@code content} on the database.
     *
     * @param name how messages name the script, e.g. its file name
     * @return the captures and assertion outcomes as JSON ({@code {"captures": {...}, "checks": [...]}}),
     *         or null when the script has none
     * @throws FerryException ASSERTION_FAILED (rolled back) or MIGRATION_FAILED (a statement failed, rolled back)
     */
    public static String run(ConnectionSpec spec, String name, String content) {
        SqlMigration script = SqlMigration.script(name, content);
        try (Connection c = spec.open()) {
            c.setAutoCommit(!script.transactional());
            Checks checks = new Checks(c, name);
            try {
                script.execute(checks);
                if (script.transactional()) {
                    c.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (script.transactional()) {
                    Transactions.rollbackAfter(c, e);
                }
                throw e;
            }
            return checks.toJson();
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.MIGRATION_FAILED, name + ": " + SqlErrors.describe(e), e);
        }
    }
}
