package io.ferry.migrate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.Json;
import io.ferry.sql.Identifiers;
import io.ferry.sql.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The {@link MigrationContext} of one run of one migration: it evaluates captures and checks and
 * remembers their values, which end up in the history row (as JSON) and in failure messages.
 */
final class Checks implements MigrationContext {
    /** {@code :name} not preceded by another ':' (a cast) or a word character. */
    private static final Pattern REFERENCE = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

    private record Captured(String value, String type) {
    }

    /** One check's outcome: passed null when it could not be evaluated. */
    private record Outcome(String query, Boolean passed, String error) {
    }

    private final Connection connection;
    private final String script;
    private final Map<String, Captured> captures = new LinkedHashMap<>();
    private final List<Outcome> results = new ArrayList<>();

    Checks(Connection connection, String script) {
        this.connection = connection;
        this.script = script;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String capture(String name, String query) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            if (rs.getMetaData().getColumnCount() != 1 || !rs.next()) {
                throw new FerryException(ErrorCode.ASSERTION_FAILED, script + ": capture " + name
                        + " must return exactly one value: " + query);
            }
            String value = rs.getString(1);
            String type = rs.getMetaData().getColumnTypeName(1);
            if (rs.next()) {
                throw new FerryException(ErrorCode.ASSERTION_FAILED, script + ": capture " + name
                        + " returned more than one row: " + query);
            }
            captures.put(name, new Captured(value, type));
            return value;
        } catch (SQLException e) {
            throw new FerryException(ErrorCode.ASSERTION_FAILED, script + ": capture " + name + " failed: "
                    + SqlErrors.describe(e) + " in: " + query, e);
        }
    }

    @Override
    public void check(String query) {
        String sql = substitute(query);
        Boolean outcome;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (rs.getMetaData().getColumnCount() != 1 || !rs.next()) {
                throw failure(query, "it must return exactly one boolean value");
            }
            Object value = rs.getObject(1);
            if (value != null && !(value instanceof Boolean)) {
                throw failure(query, "it returned " + value + ", not a boolean");
            }
            outcome = (Boolean) value;
        } catch (SQLException e) {
            record(query, null, SqlErrors.describe(e));
            throw new FerryException(ErrorCode.ASSERTION_FAILED, script + ": assertion could not be evaluated: "
                    + SqlErrors.describe(e) + " in: " + query + capturedValues(), e);
        }
        record(query, outcome, null);
        if (!Boolean.TRUE.equals(outcome)) {
            throw new FerryException(ErrorCode.ASSERTION_FAILED, script + ": assertion failed (" + outcome + "): "
                    + query + capturedValues());
        }
    }

    private FerryException failure(String query, String why) {
        record(query, null, why);
        return new FerryException(ErrorCode.ASSERTION_FAILED, script + ": assertion " + query + ": " + why);
    }

    /** Replaces {@code :name} by the captured value as a typed literal. */
    private String substitute(String query) {
        Matcher m = REFERENCE.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Captured c = captures.get(m.group(1));
            if (c == null) {
                throw failure(query, "it uses :" + m.group(1) + ", which no capture defines");
            }
            String literal = c.value() == null ? "NULL" : Identifiers.literal(c.value());
            m.appendReplacement(out, Matcher.quoteReplacement("CAST(" + literal + " AS " + c.type() + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void record(String query, Boolean passed, String error) {
        results.add(new Outcome(query, passed, error));
    }

    private String capturedValues() {
        if (captures.isEmpty()) {
            return "";
        }
        return " with " + captures.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().value())
                .collect(Collectors.joining(", "));
    }

    /** The captures and check outcomes as JSON for the history row, or null when there were none. */
    String toJson() {
        if (captures.isEmpty() && results.isEmpty()) {
            return null;
        }
        ObjectNode root = Json.compact().createObjectNode();
        ObjectNode values = root.putObject("captures");
        captures.forEach((k, v) -> values.put(k, v.value()));
        ArrayNode checks = root.putArray("checks");
        for (Outcome outcome : results) {
            ObjectNode node = checks.addObject();
            node.put("assert", outcome.query());
            if (outcome.passed() == null) {
                node.putNull("passed");
            } else {
                node.put("passed", outcome.passed());
            }
            if (outcome.error() != null) {
                node.put("error", outcome.error());
            }
        }
        return root.toString();
    }
}
