package io.ferry.ckan.check;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.ConnectionSpec;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every rule of {@link Rules} on a CKAN catalog, read-only, in one repeatable-read transaction so
 * that each count and its examples see the same rows.
 */
public final class CatalogCheck {
    private CatalogCheck() {
    }

    /**
     * @throws FerryException USAGE when the database holds no CKAN catalog (no {@code package} or
     *                        {@code "user"} table)
     */
    public static CheckReport run(ConnectionSpec spec, CkanVersion target) {
        return run(spec, target, Rules.all());
    }

    static CheckReport run(ConnectionSpec spec, CkanVersion target, List<Rule> rules) {
        try (Connection c = spec.open()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                Shape shape = Shape.read(c);
                if (!shape.has("package") || !shape.has("user")) {
                    throw new FerryException(ErrorCode.USAGE, spec.display() + " holds no CKAN catalog (no package or "
                            + "user table in its schema " + currentSchema(c) + ")");
                }
                CoreVersion core = CoreVersion.read(c, shape).orElse(null);
                List<CheckReport.Finding> findings = new ArrayList<>();
                for (Rule rule : rules) {
                    findings.add(apply(c, shape, rule, target));
                }
                return new CheckReport(spec.display(), core, target, findings);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.INTERNAL, "checking " + spec.display() + ": " + SqlErrors.describe(e), e);
        }
    }

    private static CheckReport.Finding apply(Connection c, Shape shape, Rule rule, CkanVersion target)
            throws SQLException {
        if (!target.atLeast(rule.since())) {
            return new CheckReport.Finding(rule, "applies from " + rule.since() + " on", 0, List.of());
        }
        String query = rule.offenders(shape, target).orElse(null);
        if (query == null) {
            return new CheckReport.Finding(rule, "the catalog has no tables for it", 0, List.of());
        }
        long count;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + query + ") AS offenders")) {
            rs.next();
            count = rs.getLong(1);
        }
        List<CheckReport.Example> examples = new ArrayList<>();
        if (count > 0) {
            // Byte order, so that the examples are the same whatever the database's collation.
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT o.id, o.value FROM ("
                    + query + ") AS o (id, value) ORDER BY o.value COLLATE \"C\", o.id COLLATE \"C\" LIMIT "
                    + CheckReport.EXAMPLES)) {
                while (rs.next()) {
                    examples.add(new CheckReport.Example(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return new CheckReport.Finding(rule, null, count, examples);
    }

    private static String currentSchema(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
