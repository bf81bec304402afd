package io.ferry.diff;

import static org.junit.jupiter.api.Assertions.fail;

import io.ferry.schema.read.CheckText;
import io.ferry.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A check of the differ that does not rest on Ferry's own catalog reader: {@code pg_dump -s} of two
 * databases, normalised so that only what defines the schema is left, compared statement by statement.
 *
 * <p>Normalised: comment lines, {@code SET} and {@code set_config} lines and psql meta-commands
 * ({@code \restrict}) go; statements are sorted, and so are the lines of each {@code CREATE TABLE}
 * body, since column order is not something the differ changes; a CHECK's {@code = ANY (ARRAY[...])}
 * takes one spelling ({@link CheckText}), as PostgreSQL stores the same condition two ways. The program is {@code pg_dump} from
 * the system property {@code ferry.pg_dump}, else the one on the PATH; it must be of the server's
 * major version or newer.
 */
final class PgDumpSchema {
    private PgDumpSchema() {
    }

    /** Fails, showing the statements only one side has, unless both databases dump the same schema. */
    static void assertSame(TestDatabase applied, TestDatabase wanted, String script) {
        List<String> left = statements(applied);
        List<String> right = statements(wanted);
        if (left.equals(right)) {
            return;
        }
        List<String> onlyLeft = new ArrayList<>(left);
        right.forEach(onlyLeft::remove);
        List<String> onlyRight = new ArrayList<>(right);
        left.forEach(onlyRight::remove);
        fail("pg_dump -s differs after applying the diff\n--- only in the database the diff was applied to:\n"
                + String.join("\n", onlyLeft) + "\n--- only in the wanted database:\n" + String.join("\n", onlyRight)
                + "\n--- the diff applied was:\n" + script);
    }

    /** The normalised, sorted statements of {@code pg_dump -s} of the database. */
    static List<String> statements(TestDatabase db) {
        return normalise(dump(db));
    }

    static List<String> normalise(String dump) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dump.split("\n", -1)) {
            if (line.startsWith("--") || line.startsWith("\\") || line.startsWith("SET ")
                    || line.startsWith("SELECT pg_catalog.set_config(") || line.isBlank()) {
                continue;
            }
            current.append(CheckText.canonical(line)).append('\n');
            if (line.endsWith(";")) {
                statements.add(sortTableBody(current.toString().strip()));
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            statements.add(current.toString().strip());
        }
        statements.sort(null);
        return statements;
    }

    /** A CREATE TABLE's column and constraint lines in sorted order, each without its trailing comma. */
    private static String sortTableBody(String statement) {
        if (!statement.startsWith("CREATE TABLE ") && !statement.startsWith("CREATE UNLOGGED TABLE ")) {
            return statement;
        }
        List<String> lines = new ArrayList<>(statement.lines().toList());
        int open = 0;
        int close = lines.size() - 1;
        while (open < lines.size() && !lines.get(open).endsWith("(")) {
            open++;
        }
        while (close > open && !lines.get(close).startsWith(")")) {
            close--;
        }
        if (open >= close) {
            return statement;
        }
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(open + 1, close)) {
            body.add(line.endsWith(",") ? line.substring(0, line.length() - 1) : line);
        }
        body.sort(null);
        List<String> out = new ArrayList<>(lines.subList(0, open + 1));
        out.addAll(body);
        out.addAll(lines.subList(close, lines.size()));
        return String.join("\n", out);
    }

    private static String dump(TestDatabase db) {
        String program = System.getProperty("ferry.pg_dump", "pg_dump");
        try {
            Path out = Files.createTempFile("ferry-schema", ".sql");
            try {
                ProcessBuilder builder = new ProcessBuilder(program, "--schema-only", "--no-tablespaces",
                        "--host", db.spec().host(), "--port", Integer.toString(db.spec().port()),
                        "--username", db.spec().user(), "--file", out.toString(), db.spec().database());
                builder.redirectErrorStream(true);
                Process process = builder.start();
                String messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException(program + " failed: " + messages);
                }
                return Files.readString(out);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + program + " (install the PostgreSQL client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
