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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings Ferry needs from a CKAN configuration file ({@code [app:main]} of a paste-style ini,
 * read with Python configparser's rules: {@code key = value} or {@code key: value}, indented
 * continuation lines, {@code #}/{@code ;} comments, {@code %(here)s} interpolation). As CKAN itself
 * does, the environment variables CKAN_SQLALCHEMY_URL, CKAN_SOLR_URL and CKAN_SITE_ID win over the file.
 */
public final class CkanIni {
    private static final String MAIN = "app:main";
    private static final Pattern INTERPOLATION = Pattern.compile("%\\(([^)]+)\\)s");
    private static final Map<String, String> ENV_OVERRIDES = Map.of(
            "sqlalchemy.url", "CKAN_SQLALCHEMY_URL",
            "solr_url", "CKAN_SOLR_URL",
            "ckan.site_id", "CKAN_SITE_ID");

    private final Path file;
    private final Map<String, String> main;
    private final Environment env;

    private CkanIni(Path file, Map<String, String> main, Environment env) {
        this.file = file;
        this.main = Map.copyOf(main);
        this.env = env;
    }

    public static CkanIni read(Path file, Environment env) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new FerryException(ErrorCode.INPUT, "CKAN config " + file + " does not exist", e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read CKAN config " + file + ": " + e.getMessage(), e);
        }
        Map<String, Map<String, String>> sections = parse(lines, file);
        Map<String, String> main = sections.get(MAIN);
        if (main == null) {
            throw new FerryException(ErrorCode.INPUT, "CKAN config " + file + " has no [" + MAIN + "] section");
        }
        Map<String, String> defaults = new LinkedHashMap<>(sections.getOrDefault("DEFAULT", Map.of()));
        Path dir = file.toAbsolutePath().getParent();
        defaults.putIfAbsent("here", dir == null ? "." : dir.toString());
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : main.entrySet()) {
            resolved.put(e.getKey(), interpolate(e.getValue(), main, defaults, 0));
        }
        return new CkanIni(file, resolved, env);
    }

    private static Map<String, Map<String, String>> parse(List<String> lines, Path file) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        int number = 0;
        for (String line : lines) {
            number++;
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && current != null && lastKey != null) {
                current.merge(lastKey, stripped, (a, b) -> a.isEmpty() ? b : a + "\n" + b);
                continue;
            }
            if (stripped.startsWith("[")) {
                if (!stripped.endsWith("]")) {
                    throw new FerryException(ErrorCode.INPUT, "malformed CKAN config " + file.getFileName()
                            + " line " + number + ": section header without ']'");
                }
                current = sections.computeIfAbsent(stripped.substring(1, stripped.length() - 1).strip(),
                        k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int sep = firstSeparator(stripped);
            if (current == null || sep <= 0) {
                throw new FerryException(ErrorCode.INPUT, "malformed CKAN config " + file.getFileName()
                        + " line " + number + ": expected 'key = value' inside a [section]");
            }
            lastKey = stripped.substring(0, sep).strip();
            current.put(lastKey, stripped.substring(sep + 1).strip());
        }
        return sections;
    }

    private static int firstSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String interpolate(String value, Map<String, String> section, Map<String, String> defaults,
                                      int depth) {
        if (depth > 10 || value.indexOf('%') < 0) {
            return value;
        }
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = section.getOrDefault(name, defaults.get(name));
            String text = replacement == null ? m.group() : interpolate(replacement, section, defaults, depth + 1);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString().replace("%%", "%");
    }

    /** A setting of [app:main], after the environment's overrides. */
    public Optional<String> get(String key) {
        String override = ENV_OVERRIDES.containsKey(key) ? env.get(ENV_OVERRIDES.get(key)) : null;
        if (override != null) {
            return Optional.of(override);
        }
        return Optional.ofNullable(main.get(key)).filter(v -> !v.isEmpty());
    }

    /** {@code sqlalchemy.url}, which every CKAN config must have. */
    public String sqlalchemyUrl() {
        return get("sqlalchemy.url").orElseThrow(() -> new FerryException(ErrorCode.INPUT,
                "CKAN config " + file + " has no sqlalchemy.url in [" + MAIN + "]"));
    }

    public Path file() {
        return file;
    }
}
