package io.ferry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.Json;
import io.ferry.connect.CkanIni;
import io.ferry.connect.CkanSetting;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry ckan config -c ckan.ini [--json]}: what Ferry reads from a site's config, key by key,
 * with the file and line (or the environment variable) each value came from. Passwords show as
 * {@code ***}. Connects to nothing.
 */
@Command(name = "config", mixinStandardHelpOptions = true, footerHeading = "%nExamples:%n",
        footer = {"  ferry ckan config -c /etc/ckan/default/ckan.ini", "  ferry ckan config -c ckan.ini --json"},
        description = "Show the settings Ferry reads from a CKAN config (its base files and the environment's "
                + "overrides included), each with where it came from; passwords as ***. Connects to nothing.")
final class CkanConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "CKAN_INI", required = true,
            description = "The CKAN config file the site runs with.")
    Path ckanIni;

    @Option(names = "--json", description = "Print the settings as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Console console = Console.of(spec);
        CkanIni ini = CkanIni.read(ckanIni, console.environment());
        if (json) {
            printJson(ini, console.out());
            return 0;
        }
        console.out().println("CKAN config " + ini.file().toAbsolutePath().normalize()
                + (ini.files().size() > 1 ? ", with its base files:" : ""));
        ini.files().stream().skip(1).forEach(f -> console.out().println("  " + f));
        Table table = new Table("key", "value", "from");
        for (String key : CkanIni.MOVE_KEYS) {
            Optional<CkanSetting> s = ini.setting(key);
            table.row(key, s.map(CkanSetting::shown).orElse(unsetValue(key)), s.map(CkanSetting::source).orElse(""));
        }
        table.print(console.out());
        console.out().println("Plugins: " + (ini.plugins().isEmpty() ? "(none)" : String.join(", ", ini.plugins())));
        return 0;
    }

    /** What CKAN does without the key. */
    private static String unsetValue(String key) {
        return key.equals(CkanIni.SITE_ID) ? "(not set: " + CkanIni.DEFAULT_SITE_ID + ")" : "(not set)";
    }

    private static void printJson(CkanIni ini, PrintStream out) {
        ObjectNode root = Json.pretty().createObjectNode();
        root.put("file", ini.file().toAbsolutePath().normalize().toString());
        ArrayNode files = root.putArray("files");
        ini.files().forEach(f -> files.add(f.toString()));
        ObjectNode settings = root.putObject("settings");
        for (String key : CkanIni.MOVE_KEYS) {
            Optional<CkanSetting> found = ini.setting(key);
            if (found.isEmpty()) {
                settings.putNull(key);
                continue;
            }
            CkanSetting s = found.get();
            ObjectNode node = settings.putObject(key);
            node.put("value", s.shown());
            if (s.variable() != null) {
                node.put("environment", s.variable());
            } else {
                node.put("file", s.file().toString());
                node.put("line", s.line());
                ArrayNode variables = node.putArray("environment_in_value");
                s.variables().forEach(variables::add);
            }
        }
        root.put("site_id", ini.siteId());
        ArrayNode plugins = root.putArray("plugins");
        ini.plugins().forEach(plugins::add);
        try {
            out.println(Json.pretty().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
