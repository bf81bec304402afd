package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every module found under a migrations folder (one sub-folder per module), plus Java migrations on
 * the class path. Reading checks everything that can be checked without a database: file names,
 * duplicate versions, {@code module.properties}. Each file is read exactly once.
 */
public final class MigrationSet {
    static final String PROPERTIES = "module.properties";
    private static final Set<String> KNOWN_KEYS = Set.of("requires", "before", "after", "baseline", "plugin");

    private final Map<String, ModuleDefinition> modules;

    private MigrationSet(Map<String, ModuleDefinition> modules) {
        this.modules = Map.copyOf(modules);
    }

    /** No modules at all: the history alone, for a status read without the migration files. */
    public static MigrationSet none() {
        return new MigrationSet(Map.of());
    }

    /** Modules by name. */
    public Map<String, ModuleDefinition> modules() {
        return modules;
    }

    public ModuleDefinition module(String name) {
        ModuleDefinition module = modules.get(name);
        if (module == null) {
            throw new FerryException(ErrorCode.USAGE, "no module named '" + name + "' (known: "
                    + String.join(", ", new TreeMap<>(modules).keySet()) + ")");
        }
        return module;
    }

    /** Reads a migrations folder; Java migrations come from {@code classLoader}'s ServiceLoader entries. */
    public static MigrationSet load(Path root, ClassLoader classLoader) {
        if (!Files.isDirectory(root)) {
            throw new FerryException(ErrorCode.USAGE, "migrations folder " + root + " does not exist or is not a folder");
        }
        Map<String, List<Migration>> byModule = new TreeMap<>();
        Map<String, Properties> properties = new HashMap<>();
        for (Path dir : sortedChildren(root)) {
            String name = fileName(dir);
            if (name.startsWith(".")) {
                continue;
            }
            if (!Files.isDirectory(dir)) {
                if (name.endsWith(".sql")) {
                    throw new FerryException(ErrorCode.CONFIGURATION, root.relativize(dir) + ": migration files live in "
                            + "one folder per module (e.g. core/" + name + ")");
                }
                continue;
            }
            if (!ModuleDefinition.isValidName(name)) {
                throw new FerryException(ErrorCode.CONFIGURATION, "invalid module folder name '" + name + "'");
            }
            List<Migration> migrations = new ArrayList<>();
            for (Path file : sortedChildren(dir)) {
                String fileName = fileName(file);
                if (fileName.equals(PROPERTIES)) {
                    properties.put(name, readProperties(name, file));
                } else if (fileName.endsWith(".sql") && Files.isRegularFile(file)) {
                    migrations.add(SqlMigration.parse(name, fileName, read(name, file)));
                }
            }
            byModule.put(name, migrations);
        }
        for (JavaMigration java : ServiceLoader.load(JavaMigration.class, classLoader)) {
            JavaMigrationAdapter adapter = new JavaMigrationAdapter(java);
            byModule.computeIfAbsent(adapter.module(), k -> new ArrayList<>()).add(adapter);
        }
        Map<String, ModuleDefinition> modules = new HashMap<>();
        for (Map.Entry<String, List<Migration>> e : byModule.entrySet()) {
            modules.put(e.getKey(), define(e.getKey(), e.getValue(), properties.get(e.getKey())));
        }
        return new MigrationSet(modules);
    }

    private static ModuleDefinition define(String name, List<Migration> migrations, Properties props) {
        migrations.sort(Comparator.comparing(Migration::version));
        for (int i = 1; i < migrations.size(); i++) {
            Migration previous = migrations.get(i - 1);
            Migration current = migrations.get(i);
            if (previous.version().equals(current.version())) {
                throw new FerryException(ErrorCode.CONFIGURATION, "module " + name + ": version " + current.version()
                        + " is used twice, by " + previous.script() + " and " + current.script());
            }
        }
        String where = name + "/" + PROPERTIES;
        List<Requirement> requires = new ArrayList<>();
        Set<String> before = new LinkedHashSet<>();
        Set<String> after = new LinkedHashSet<>();
        List<Baseline> baselines = List.of();
        String plugin = null;
        if (props != null) {
            for (String key : props.stringPropertyNames()) {
                if (!KNOWN_KEYS.contains(key)) {
                    throw new FerryException(ErrorCode.CONFIGURATION, where + ": unknown key '" + key
                            + "' (known: requires, before, after, baseline, plugin)");
                }
            }
            for (String item : list(props.getProperty("requires"))) {
                requires.add(Requirement.parse(item, where));
            }
            before.addAll(names(props.getProperty("before"), where, "before"));
            after.addAll(names(props.getProperty("after"), where, "after"));
            baselines = baselines(props.getProperty("baseline"), where);
            plugin = plugin(props.getProperty("plugin"), where);
        }
        for (Requirement r : requires) {
            if (r.module().equals(name)) {
                throw new FerryException(ErrorCode.CONFIGURATION, where + ": a module cannot require itself");
            }
        }
        return new ModuleDefinition(name, requires, before, after, baselines, migrations, plugin);
    }

    /** {@code baseline=} names one source or several, comma-separated, to be tried in that order. */
    private static List<Baseline> baselines(String value, String where) {
        return list(value).stream().map(v -> baseline(v, where)).filter(b -> b != Baseline.NONE).distinct().toList();
    }

    private static String plugin(String value, String where) {
        if (value == null) {
            return null;
        }
        String name = value.strip();
        if (!ModuleDefinition.isValidName(name)) {
            throw new FerryException(ErrorCode.CONFIGURATION, where + ": plugin must be one plugin name, e.g. "
                    + "plugin=harvest");
        }
        return name;
    }

    /** This set without the named modules (a site that does not enable a module's plugin). */
    public MigrationSet without(Collection<String> names) {
        Map<String, ModuleDefinition> kept = new HashMap<>(modules);
        kept.keySet().removeAll(names);
        return new MigrationSet(kept);
    }

    private static Baseline baseline(String value, String where) {
        return Baseline.parse(value).orElseThrow(() -> new FerryException(ErrorCode.CONFIGURATION, where
                + ": baseline must be migrate_version, alembic_version or a plugin's <plugin>_alembic_version, not '"
                + value.strip() + "'"));
    }


    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> names(String value, String where, String key) {
        List<String> names = list(value);
        for (String n : names) {
            if (!ModuleDefinition.isValidName(n)) {
                throw new FerryException(ErrorCode.CONFIGURATION, where + ": " + key + " lists an invalid module name '"
                        + n + "'");
            }
        }
        return names;
    }

    private static Properties readProperties(String module, Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new FerryException(ErrorCode.CONFIGURATION, "cannot read " + module + "/" + PROPERTIES + ": "
                    + e.getMessage(), e);
        }
        return props;
    }

    private static String read(String module, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new FerryException(ErrorCode.CONFIGURATION, module + "/" + fileName(file) + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + module + "/" + fileName(file) + ": " + e, e);
        }
    }

    private static List<Path> sortedChildren(Path dir) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (NoSuchFileException e) {
            throw new FerryException(ErrorCode.USAGE, "folder " + dir + " does not exist", e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot list " + dir + ": " + e, e);
        }
        children.sort(Comparator.comparing(MigrationSet::fileName));
        return children;
    }

    private static String fileName(Path path) {
        Path name = path.getFileName();
        String text = name == null ? path.toString() : name.toString();
        // Paths inside a jar report folder names with a trailing slash.
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** All migrations of all modules (for tests and totals). */
    public Collection<ModuleDefinition> all() {
        return modules.values();
    }
}
