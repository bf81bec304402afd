package io.ferry.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ferry.ErrorCode;
import io.ferry.FerryException;
import io.ferry.connect.CkanIni;
import io.ferry.connect.ConnectionParser;
import io.ferry.connect.ConnectionSpec;
import io.ferry.connect.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plan file and checks all of it before anything runs: the YAML, the top-level keys, every
 * connection (a password written in the file is refused; {@code ${VAR}} takes a value from the
 * environment, and {@code --set NAME=VALUE} overrides a connection), and every step through its kind.
 * A connection written with a default ({@code ${VAR:-}}) may stay empty: it is then <em>not given</em>,
 * and the steps that name it are skipped (a site without a DataStore runs the plan that moves one).
 *
 * <p>Exit codes: a plan file that is missing is INPUT (1); anything wrong inside it is CONFIGURATION
 * (3); a connection left without a value, or a {@code --set} of an unknown connection, is USAGE (2).
 */
public final class PlanReader {
    public static final String CKAN_INI = "ckan_ini:";
    public static final String EMBEDDED = "embedded:";
    /** {@code ${NAME}}, or {@code ${NAME:-DEFAULT}} taking DEFAULT (possibly empty) when NAME is unset or empty. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Set<String> TOP_LEVEL = Set.of("plan", "description", "connections", "target", "steps");
    private static final Set<String> STEP_KEYS = Set.of("name", "kind");
    /** Stands in for a variable while checking the text written in the file. */
    private static final String PLACEHOLDER = "FERRYPLANVARIABLE";

    private final Environment env;

    public PlanReader(Environment env) {
        this.env = env;
    }

    public Plan read(Path file, Map<String, String> sets) {
        Map<String, Object> root = parse(file);
        for (String key : root.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw error(file, "unknown top-level key '" + key + "' (known: plan, description, connections, "
                        + "target, steps)");
            }
        }
        String name = text(root.get("plan"));
        if (name == null || !NAME.matcher(name).matches()) {
            throw error(file, "needs 'plan: NAME' (letters, digits, _ . -)");
        }
        Set<String> notGiven = new LinkedHashSet<>();
        Map<String, String> connections = connections(file, root.get("connections"), sets, notGiven);
        String target = root.containsKey("target") ? text(root.get("target")) : "target";
        if (notGiven.contains(target)) {
            throw new FerryException(ErrorCode.USAGE, "the target connection '" + target + "' of plan " + file
                    + " has no value; give --set " + target + "=URL");
        }
        if (!connections.containsKey(target)) {
            throw error(file, "the target connection '" + target + "' is not among the connections ("
                    + String.join(", ", connections.keySet()) + "); name it with 'target:'");
        }
        Path folder = file.toAbsolutePath().getParent();
        Set<String> names = new LinkedHashSet<>(connections.keySet());
        names.addAll(notGiven);
        PlanContext context = new PlanContext(names, folder, sites(connections));
        List<Plan.Entry> steps = steps(file, root.get("steps"), context, notGiven);
        return new Plan(name, text(root.get("description")), file, connections, notGiven, target, steps);
    }

    private static Map<String, Object> parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new FerryException(ErrorCode.INPUT, "plan file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read plan file " + file + ": " + e.getMessage(), e);
        }
        try {
            Object root = new YAMLMapper().readValue(text, Object.class);
            if (!(root instanceof Map<?, ?> map)) {
                throw error(file, "must be a YAML mapping with plan, connections and steps");
            }
            return stringKeys(file, map, "the plan");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            String message = e instanceof JsonMappingException m ? m.getOriginalMessage() : e.getOriginalMessage();
            throw new FerryException(ErrorCode.CONFIGURATION, "plan " + file + " is not valid YAML" + where + ": "
                    + message.lines().findFirst().orElse(""), e);
        }
    }

    private Map<String, String> connections(Path file, Object node, Map<String, String> sets, Set<String> notGiven) {
        if (!(node instanceof Map<?, ?> map) || map.isEmpty()) {
            throw error(file, "needs 'connections:' naming at least the target database");
        }
        Map<String, String> written = new LinkedHashMap<>();
        stringKeys(file, map, "connections").forEach((k, v) -> {
            if (!NAME.matcher(k).matches()) {
                throw error(file, "connection name '" + k + "' must be letters, digits, _ . -");
            }
            if (v instanceof Map || v instanceof List) {
                throw error(file, "connection '" + k + "' must be one text: a URL, embedded:NAME, ckan_ini:PATH "
                        + "or ${VARIABLE}");
            }
            written.put(k, v == null ? "" : v.toString());
        });
        for (String set : sets.keySet()) {
            if (!written.containsKey(set)) {
                throw new FerryException(ErrorCode.USAGE, "--set " + set + "=...: the plan has no connection '" + set
                        + "' (it has " + String.join(", ", written.keySet()) + ")");
            }
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        written.forEach((k, v) -> {
            refuseWrittenPassword(file, k, v);
            String value = sets.containsKey(k) ? sets.get(k) : substitute(k, v);
            if (value.isBlank() && optional(v)) {
                notGiven.add(k);
                return;
            }
            if (value.isBlank()) {
                throw new FerryException(ErrorCode.USAGE, "connection '" + k + "' of plan " + file
                        + " has no value; give --set " + k + "=URL");
            }
            checkSyntax(k, value);
            resolved.put(k, value.strip());
        });
        return resolved;
    }

    /** A password in the plan file would end up in version control: only variables may supply one. */
    private static void refuseWrittenPassword(Path file, String name, String written) {
        String text = VARIABLE.matcher(written).replaceAll(PLACEHOLDER).strip();
        if (text.isEmpty() || text.startsWith(EMBEDDED) || text.startsWith(CKAN_INI)) {
            return;
        }
        ConnectionSpec spec;
        try {
            // An empty environment and a home without .pgpass: only what is written can supply a password.
            Path noHome = Path.of(System.getProperty("java.io.tmpdir"), "ferry-plan-check-no-home");
            spec = new ConnectionParser(new Environment(Map.of(), noHome)).parse(text);
        } catch (FerryException e) {
            return; // not parseable as written (e.g. a variable for the whole URL); checked once substituted
        }
        if (spec.hasPassword() && !passwordIsVariable(text)) {
            throw new FerryException(ErrorCode.CONFIGURATION, "plan " + file + ": connection '" + name
                    + "' has a password written in the plan; take it from PGPASSWORD, ~/.pgpass or a variable "
                    + "(${VARIABLE}) instead");
        }
    }

    /** Whether every password-like part of the text is a variable reference. */
    private static boolean passwordIsVariable(String text) {
        Matcher userinfo = Pattern.compile("://[^/@]*:([^@]*)@").matcher(text);
        if (userinfo.find()) {
            return userinfo.group(1).equals(PLACEHOLDER);
        }
        Matcher keyword = Pattern.compile("(?i)password=([^&\\s]*)").matcher(text);
        return keyword.find() && keyword.group(1).equals(PLACEHOLDER);
    }

    /**
     * A step option's text (or each text of a list) with its variables taken from the environment, as
     * a connection's are: {@code ${VAR:-TEXT}} gives a site's own role names a default, say.
     */
    private Object substituted(String step, String key, Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(item -> substituted(step, key, item)).toList();
        }
        if (value == null || value instanceof Map) {
            return value;
        }
        return substitute("step '" + step + "', option " + key, "", value.toString());
    }

    /** Whether the connection is written as one variable with a default, so that it may stay empty. */
    private static boolean optional(String written) {
        Matcher m = VARIABLE.matcher(written.strip());
        return m.matches() && m.group(2) != null;
    }

    private String substitute(String connection, String text) {
        return substitute("connection '" + connection + "'", " (or give --set " + connection + "=URL)", text);
    }

    /** {@code text} with its variables replaced; an unset one is a USAGE error naming {@code what}, then {@code hint}. */
    private String substitute(String what, String hint, String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if ((value == null || value.isEmpty()) && m.group(2) != null) {
                value = m.group(3);
            }
            if (value == null) {
                throw new FerryException(ErrorCode.USAGE, what + " needs the environment variable " + m.group(1)
                        + hint);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void checkSyntax(String name, String value) {
        String v = value.strip();
        if (v.startsWith(EMBEDDED)) {
            if (v.substring(EMBEDDED.length()).isBlank()) {
                throw new FerryException(ErrorCode.USAGE, "connection '" + name + "': embedded: needs a database name");
            }
        } else if (v.startsWith(CKAN_INI)) {
            if (!Files.isRegularFile(Path.of(v.substring(CKAN_INI.length())))) {
                throw new FerryException(ErrorCode.INPUT, "connection '" + name + "': no such file "
                        + v.substring(CKAN_INI.length()));
            }
            // The whole config (base files, interpolation, URLs) is checked before any step runs.
            try {
                CkanIni.read(Path.of(v.substring(CKAN_INI.length())), env).sqlalchemyUrl();
            } catch (FerryException e) {
                throw new FerryException(e.code(), "connection '" + name + "': " + e.getMessage(), e);
            }
        } else {
            new ConnectionParser(env).parse(v); // a malformed URL fails here, before any step runs
        }
    }

    /** The CKAN config of each {@code ckan_ini:} connection, already checked by {@link #checkSyntax}. */
    private Map<String, CkanIni> sites(Map<String, String> connections) {
        Map<String, CkanIni> sites = new LinkedHashMap<>();
        connections.forEach((name, text) -> {
            if (text.startsWith(CKAN_INI)) {
                sites.put(name, CkanIni.read(Path.of(text.substring(CKAN_INI.length())), env));
            }
        });
        return sites;
    }

    private List<Plan.Entry> steps(Path file, Object node, PlanContext plan, Set<String> notGiven) {
        if (!(node instanceof List<?> list) || list.isEmpty()) {
            throw error(file, "needs 'steps:', a list of steps");
        }
        List<Plan.Entry> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (Object item : list) {
            index++;
            if (!(item instanceof Map<?, ?> map)) {
                throw error(file, "step " + index + " must be a mapping with name and kind");
            }
            Map<String, Object> values = stringKeys(file, map, "step " + index);
            String name = text(values.get("name"));
            if (name == null || !NAME.matcher(name).matches()) {
                throw error(file, "step " + index + " needs 'name:' (letters, digits, _ . -)");
            }
            if (!names.add(name)) {
                throw error(file, "two steps are named '" + name + "'");
            }
            String kindName = text(values.get("kind"));
            StepKind kind = StepKinds.find(kindName == null ? "" : kindName).orElseThrow(() -> error(file,
                    "step '" + name + "' has " + (kindName == null ? "no kind" : "unknown kind '" + kindName + "'")
                            + " (known: " + StepKinds.names() + ")"));
            Map<String, Object> rest = new LinkedHashMap<>(values);
            STEP_KEYS.forEach(rest::remove);
            rest.replaceAll((key, value) -> substituted(name, key, value));
            StepSpec spec = new StepSpec(name, kindName, new Options(name, rest));
            Set<String> uses = new LinkedHashSet<>();
            Step step = kind.prepare(spec, plan.recordingUses(uses::add));
            spec.options().requireAllRead();
            uses.retainAll(notGiven);
            steps.add(new Plan.Entry(spec, step, uses));
        }
        return steps;
    }

    private static Map<String, Object> stringKeys(Path file, Map<?, ?> map, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(k instanceof String key)) {
                throw error(file, where + " has a key that is not text: " + k);
            }
            out.put(key, v);
        });
        return out;
    }

    private static String text(Object value) {
        return value == null || value instanceof Map || value instanceof List ? null : value.toString().strip();
    }

    private static FerryException error(Path file, String message) {
        return new FerryException(ErrorCode.CONFIGURATION, "plan " + file + " " + message);
    }
}
