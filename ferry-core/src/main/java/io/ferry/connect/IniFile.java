package io.ferry.connect;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ini file as Python's configparser reads it: {@code [section]} headers, {@code key = value} or
 * {@code key: value}, indented continuation lines, whole-line {@code #}/{@code ;} comments. Keys keep
 * their case (CKAN 2.10 and later turn configparser's lower-casing off). Values are raw: interpolation
 * is the chain's business ({@link CkanIni}), since a value may refer to a key of another file.
 *
 * @param file     the file, absolute and normalized
 * @param sections section name → key → raw value with its line
 */
record IniFile(Path file, Map<String, Map<String, Raw>> sections) {

    /** A value as written, where it was written. */
    record Raw(String value, Path file, int line) {
        String where() {
            return file + " line " + line;
        }
    }

    IniFile {
        Map<String, Map<String, Raw>> copy = new LinkedHashMap<>();
        sections.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        sections = Map.copyOf(copy);
    }

    Map<String, Raw> section(String name) {
        return sections.getOrDefault(name, Map.of());
    }

    /**
     * Reads and parses {@code file}.
     *
     * @throws FerryException INPUT when the file cannot be read or is not an ini file
     */
    static IniFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FerryException(ErrorCode.INPUT, "CKAN config " + file + " does not exist", e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read CKAN config " + file + ": " + e.getMessage(), e);
        }
        return new IniFile(file, parse(lines, file));
    }

    private static Map<String, Map<String, Raw>> parse(List<String> lines, Path file) {
        Map<String, Map<String, Raw>> sections = new LinkedHashMap<>();
        Map<String, Raw> current = null;
        String lastKey = null;
        int number = 0;
        for (String line : lines) {
            number++;
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
                Raw before = current.get(lastKey);
                String joined = before.value().isEmpty() ? stripped : before.value() + "\n" + stripped;
                current.put(lastKey, new Raw(joined, file, before.line()));
                continue;
            }
            if (stripped.startsWith("[")) {
                if (!stripped.endsWith("]")) {
                    throw malformed(file, number, "section header without ']'");
                }
                current = sections.computeIfAbsent(stripped.substring(1, stripped.length() - 1).strip(),
                        k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int sep = firstSeparator(stripped);
            if (current == null || sep <= 0) {
                throw malformed(file, number, "expected 'key = value' inside a [section]");
            }
            lastKey = stripped.substring(0, sep).strip();
            current.put(lastKey, new Raw(stripped.substring(sep + 1).strip(), file, number));
        }
        return sections;
    }

    private static FerryException malformed(Path file, int line, String what) {
        return new FerryException(ErrorCode.INPUT, "malformed CKAN config " + file + " line " + line + ": " + what);
    }

    private static int firstSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }
}
