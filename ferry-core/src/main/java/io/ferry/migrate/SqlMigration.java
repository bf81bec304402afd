package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.sql.ScriptReader;
import io.ferry.sql.SqlErrors;
import io.ferry.sql.SqlStatement;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration file {@code NNN_description.sql}. Directives are SQL comments, so the file stays plain
 * SQL that psql could run:
 * <pre>
 * -- ferry:no-transaction                              (first line: run in autocommit)
 * -- ferry:capture before: SELECT count(*) FROM tag    (evaluated before the body)
 * -- ferry:assert SELECT :before = (SELECT count(*) FROM tag)   (evaluated after it)
 * -- ferry:replaces 3f1c...e9   (the SHA-256 of an earlier text of this step, applied as this one)
 * </pre>
 */
final class SqlMigration implements Migration {
    static final Pattern FILE_NAME = Pattern.compile("(\\d+)_(.+)\\.sql");
    private static final String DIRECTIVE = "-- ferry:";
    private static final Pattern CAPTURE = Pattern.compile("capture\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(.+)");
    private static final Pattern ASSERT = Pattern.compile("assert\\s+(.+)");
    private static final Pattern REPLACES = Pattern.compile("replaces\\s+([0-9a-f]{64})");

    private record Capture(String name, String query) {
    }

    private final String module;
    private final MigrationVersion version;
    private final String description;
    private final String script;
    private final String text;
    private final String checksum;
    private final boolean transactional;
    private final List<Capture> captures;
    private final List<String> checks;
    private final Set<String> replaced;

    private SqlMigration(String module, MigrationVersion version, String description, String script, String text,
                         boolean transactional, List<Capture> captures, List<String> checks, Set<String> replaced) {
        this.module = module;
        this.version = version;
        this.description = description;
        this.script = script;
        this.text = text;
        this.checksum = sha256(text);
        this.transactional = transactional;
        this.captures = List.copyOf(captures);
        this.checks = List.copyOf(checks);
        this.replaced = Set.copyOf(replaced);
    }

    /** Whether a file name is that of a migration ({@code NNN_words.sql}). */
    static boolean isMigrationFile(String fileName) {
        return FILE_NAME.matcher(fileName).matches();
    }

    /** Reads the name and directives of a migration file; the SQL itself is split only when it runs. */
    static SqlMigration parse(String module, String fileName, String content) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new FerryException(ErrorCode.CONFIGURATION, module + "/" + fileName
                    + ": migration files are named NNN_description.sql");
        }
        return parse(module, MigrationVersion.parse(name.group(1)), name.group(2).replace('_', ' '),
                module + "/" + fileName, content);
    }

    /**
     * A script that is no module's migration (a plan's {@code sql} step): the same directives, no
     * file-name rules; {@code name} is how messages name it.
     */
    static SqlMigration script(String name, String content) {
        return parse("", MigrationVersion.parse("0"), name, name, content);
    }

    private static SqlMigration parse(String module, MigrationVersion version, String description, String script,
                                      String content) {
        // Line endings are normalised so a checkout with CRLF does not look like a changed migration.
        String text = content.replace("\r\n", "\n");
        boolean transactional = true;
        List<Capture> captures = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            String trimmed = line.strip();
            if (!trimmed.startsWith(DIRECTIVE)) {
                continue;
            }
            String directive = trimmed.substring(DIRECTIVE.length()).strip();
            Matcher capture = CAPTURE.matcher(directive);
            Matcher check = ASSERT.matcher(directive);
            Matcher replaces = REPLACES.matcher(directive);
            if (directive.equals("no-transaction")) {
                if (lineNumber != 1) {
                    throw new FerryException(ErrorCode.CONFIGURATION, script + ":" + lineNumber
                            + ": '-- ferry:no-transaction' must be the first line of the file");
                }
                transactional = false;
            } else if (capture.matches()) {
                String captureName = capture.group(1);
                if (captures.stream().anyMatch(c -> c.name().equals(captureName))) {
                    throw new FerryException(ErrorCode.CONFIGURATION, script + ":" + lineNumber
                            + ": capture '" + captureName + "' is defined twice");
                }
                captures.add(new Capture(captureName, stripSemicolon(capture.group(2))));
            } else if (check.matches()) {
                checks.add(stripSemicolon(check.group(1)));
            } else if (replaces.matches()) {
                replaced.add(replaces.group(1));
            } else {
                throw new FerryException(ErrorCode.CONFIGURATION, script + ":" + lineNumber
                        + ": unknown directive '" + trimmed + "' (known: no-transaction, capture NAME: SELECT ..., "
                        + "assert SELECT ..., replaces SHA-256)");
            }
        }
        return new SqlMigration(module, version, description, script, text, transactional, captures, checks, replaced);
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** First words of statements that return rows, which a JDBC batch refuses. */
    private static final Pattern RETURNS_ROWS = Pattern.compile(
            "(?is)^\\s*(select|with|values|show|table|explain|fetch|call)\\b.*|.*\\breturning\\b.*");

    /**
     * The statements, for a single round trip: present when the migration runs in a transaction, has
     * no captures or checks (those are evaluated between the statements) and no statement returns
     * rows; empty otherwise.
     */
    Optional<List<SqlStatement>> batch() {
        if (!transactional || !captures.isEmpty() || !checks.isEmpty()) {
            return Optional.empty();
        }
        List<SqlStatement> statements = ScriptReader.statements(text);
        for (SqlStatement statement : statements) {
            if (RETURNS_ROWS.matcher(statement.sql()).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(statements);
    }

    /** The one-line error for a statement of this file that failed. */
    private FerryException failure(SqlStatement sql, SQLException e) {
        int line = sql.line() + SqlErrors.lineWithin(e, sql.sql());
        return new FerryException(ErrorCode.MIGRATION_FAILED, script + ":" + line + ": " + SqlErrors.describe(e), e);
    }

    @Override
    public void execute(MigrationContext context) throws SQLException {
        for (Capture capture : captures) {
            context.capture(capture.name(), capture.query());
        }
        Connection connection = context.connection();
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            for (SqlStatement sql : ScriptReader.statements(text)) {
                try {
                    statement.execute(sql.sql());
                } catch (SQLException e) {
                    throw failure(sql, e);
                }
            }
        }
        for (String check : checks) {
            context.check(check);
        }
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public MigrationVersion version() {
        return version;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String script() {
        return script;
    }

    @Override
    public String type() {
        return "SQL";
    }

    @Override
    public String checksum() {
        return checksum;
    }

    @Override
    public Set<String> replacedChecksums() {
        return replaced;
    }

    @Override
    public boolean transactional() {
        return transactional;
    }

    @Override
    public String preview() {
        return text.endsWith("\n") ? text : text + "\n";
    }
}
