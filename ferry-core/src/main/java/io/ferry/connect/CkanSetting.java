package io.ferry.connect;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One setting of a CKAN config and where it came from: a file and line, or an environment variable
 * (and the {@code CKAN_*} variables a file's value took in through {@code %(NAME)s}).
 *
 * @param file      the file that set it; null when an environment variable did
 * @param line      its line in that file (0 for an environment variable)
 * @param variable  the environment variable that set it; null when a file did
 * @param variables the environment variables the file's value took in by interpolation
 */
public record CkanSetting(String key, String value, Path file, int line, String variable, List<String> variables) {
    private static final String MASK = "***";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s]*");

    public CkanSetting {
        variables = List.copyOf(variables);
    }

    static CkanSetting fromFile(String key, String value, Path file, int line, List<String> variables) {
        return new CkanSetting(key, value, file, line, null, variables);
    }

    static CkanSetting fromEnvironment(String key, String value, String variable) {
        return new CkanSetting(key, value, null, 0, variable, List.of());
    }

    /** Where the value came from, for people: {@code FILE line N} or {@code environment CKAN_X}. */
    public String source() {
        if (variable != null) {
            return "environment " + variable;
        }
        String where = file + " line " + line;
        return variables.isEmpty() ? where : where + " (with " + String.join(", ", variables) + " from the environment)";
    }

    /** The value as Ferry may show it: a password (in a URL, or solr_password) as {@code ***}. */
    public String shown() {
        if (key.endsWith("password") || key.endsWith("secret")) {
            return MASK;
        }
        String masked = urlPassword(value).map(p -> maskUserinfo(value)).orElse(value);
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }

    FerryException invalid(String what) {
        return new FerryException(ErrorCode.USAGE, "CKAN config " + (variable != null ? "environment variable "
                + variable : file + " line " + line) + ": " + key + ": " + what);
    }

    /** The password of {@code scheme://user:password@host...}, if the text has one. */
    static Optional<String> urlPassword(String text) {
        int scheme = text.indexOf("://");
        if (scheme < 0) {
            return Optional.empty();
        }
        String rest = text.substring(scheme + 3);
        int at = rest.lastIndexOf('@');
        int colon = rest.indexOf(':');
        if (at < 0 || colon < 0 || colon > at) {
            return Optional.empty();
        }
        return Optional.of(rest.substring(colon + 1, at)).filter(p -> !p.isEmpty());
    }

    private static String maskUserinfo(String text) {
        int start = text.indexOf("://") + 3;
        int at = text.lastIndexOf('@');
        int colon = text.indexOf(':', start);
        return text.substring(0, colon + 1) + MASK + text.substring(at);
    }
}
