package io.ferry.connect;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.IniFile.Raw;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The files of one CKAN config and their {@code [app:main]} values resolved, with the rules of CKAN's
 * own loader (2.10 and later; 2.9 reads the same files the same way but takes nothing from the
 * environment):
 * <ul>
 *   <li>{@code use = config:PATH} in {@code [app:main]} names a base file, relative to the file that
 *       names it; the base may name another. A file named twice is a cycle and refused. Any other
 *       {@code use} ({@code egg:ckan}) ends the chain.</li>
 *   <li>A file's settings win over its base's; {@code [DEFAULT]} sections merge the same way.</li>
 *   <li>{@code %(name)s} takes the final value of {@code name} from {@code [app:main]} of the whole
 *       chain, else from {@code [DEFAULT]}, else {@code here} (the folder of the file the value is
 *       written in) or {@code __file__} (the top file), else an environment variable whose name
 *       starts with {@code CKAN_}, as CKAN offers only those. {@code %%} is a percent sign.</li>
 * </ul>
 */
final class CkanIniChain {
    static final String MAIN = "app:main";
    private static final String DEFAULT = "DEFAULT";
    /** configparser's limit: deeper nesting is almost certainly a loop. */
    private static final int MAX_DEPTH = 10;

    private final List<IniFile> files;
    private final Map<String, Raw> main = new LinkedHashMap<>();
    private final Map<String, Raw> defaults = new LinkedHashMap<>();
    private final Environment env;

    private CkanIniChain(List<IniFile> files, Environment env) {
        this.files = files;
        this.env = env;
        // Base files first, so that each file's own settings overwrite its base's.
        for (int i = files.size() - 1; i >= 0; i--) {
            main.putAll(files.get(i).section(MAIN));
            defaults.putAll(files.get(i).section(DEFAULT));
        }
    }

    /** A resolved value: the text, where it was written, and the environment variables it took in. */
    record Resolved(String value, Raw raw, List<String> variables) {
    }

    static CkanIniChain read(Path top, Environment env) {
        return new CkanIniChain(unwrap(top), env);
    }

    /** The top file first, then each base in turn. */
    private static List<IniFile> unwrap(Path top) {
        List<IniFile> chain = new ArrayList<>();
        IniFile file = IniFile.read(top);
        if (!file.sections().containsKey(MAIN)) {
            throw new FerryException(ErrorCode.INPUT, "CKAN config " + top + " has no [" + MAIN + "] section");
        }
        while (true) {
            chain.add(file);
            Raw use = file.section(MAIN).get("use");
            if (use == null || use.value().isEmpty()) {
                return chain;
            }
            int colon = use.value().indexOf(':');
            if (colon < 0) {
                throw bad(use, "use", "'" + use.value() + "' has no scheme (expected config:FILE or egg:ckan)");
            }
            if (!use.value().substring(0, colon).strip().equals("config")) {
                return chain;
            }
            Path next = file.file().getParent().resolve(use.value().substring(colon + 1).strip()).normalize();
            for (IniFile seen : chain) {
                if (seen.file().equals(next)) {
                    String cycle = chain.stream().map(f -> f.file().toString()).collect(Collectors.joining(" -> "))
                            + " -> " + next;
                    throw bad(use, "use", "the chain of config files is a cycle: " + cycle);
                }
            }
            if (!Files.isRegularFile(next)) {
                throw bad(use, "use", "the base config " + next + " does not exist");
            }
            file = IniFile.read(next);
        }
    }

    List<Path> files() {
        return files.stream().map(IniFile::file).toList();
    }

    /** Every key of {@code [app:main]} in the whole chain, resolved; the first error is thrown. */
    Map<String, Resolved> resolveAll() {
        Map<String, Resolved> out = new LinkedHashMap<>();
        for (String key : main.keySet()) {
            Set<String> variables = new LinkedHashSet<>();
            Raw raw = main.get(key);
            out.put(key, new Resolved(interpolate(key, raw, 0, variables), raw, List.copyOf(variables)));
        }
        return out;
    }

    private String interpolate(String key, Raw raw, int depth, Set<String> variables) {
        String text = raw.value();
        if (text.indexOf('%') < 0) {
            return text;
        }
        if (depth >= MAX_DEPTH) {
            throw bad(raw, key, "%(...)s references nest more than " + MAX_DEPTH + " deep (a loop?)");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
            } else if (text.startsWith("%%", i)) {
                out.append('%');
                i += 2;
            } else if (text.startsWith("%(", i)) {
                int close = text.indexOf(")s", i);
                if (close < 0) {
                    throw bad(raw, key, "a %( without its closing )s");
                }
                String name = text.substring(i + 2, close);
                out.append(lookup(name, key, raw, depth, variables));
                i = close + 2;
            } else {
                throw bad(raw, key, "'%' must be followed by '%' or '(' (write %% for a percent sign)");
            }
        }
        return out.toString();
    }

    private String lookup(String name, String key, Raw raw, int depth, Set<String> variables) {
        Raw found = main.containsKey(name) ? main.get(name) : defaults.get(name);
        if (found != null) {
            return interpolate(name, found, depth + 1, variables);
        }
        if (name.equals("here")) {
            return raw.file().getParent().toString();
        }
        if (name.equals("__file__")) {
            return files.get(0).file().toString();
        }
        if (name.startsWith("CKAN_") && env.variables().containsKey(name)) {
            variables.add(name);
            return env.variables().get(name);
        }
        throw bad(raw, key, "%(" + name + ")s is defined nowhere: not in the config files"
                + (name.startsWith("CKAN_") ? " nor in the environment"
                : ", and CKAN takes only variables starting with CKAN_ from the environment"));
    }

    static FerryException bad(Raw raw, String key, String what) {
        return new FerryException(ErrorCode.USAGE, "CKAN config " + raw.where() + ": " + key + ": " + what);
    }
}
