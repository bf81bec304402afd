package io.ferry.connect;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CKAN site's configuration as CKAN itself reads it: {@code [app:main]} of the file and of the base
 * files it names with {@code use = config:...}, interpolated ({@link CkanIniChain}), then the
 * environment's overrides in CKAN's order: first the variables of CKAN's {@code CONFIG_FROM_ENV_VARS}
 * ({@code CKAN_SQLALCHEMY_URL}, {@code CKAN_SOLR_URL}, {@code CKAN_SITE_ID}, ...), then, when the site
 * enables the {@code envvars} plugin, its {@code CKAN__KEY} variables ({@code CKAN__SITE_ID} is
 * {@code ckan.site_id}, {@code CKANEXT__X__Y} is {@code ckanext.x.y}, {@code CKAN___SQLALCHEMY__URL}
 * is {@code sqlalchemy.url}). Every value knows where it came from.
 *
 * <p>Reading checks what a move relies on: every PostgreSQL URL (database and DataStore) parses, and
 * {@code solr_url} is an http(s) URL. Passwords in them, and {@code solr_password}, are registered
 * with {@link Secrets} at once.
 */
public final class CkanIni {
    public static final String MAIN = CkanIniChain.MAIN;
    public static final String SQLALCHEMY_URL = "sqlalchemy.url";
    public static final String SOLR_URL = "solr_url";
    public static final String SOLR_USER = "solr_user";
    public static final String SOLR_PASSWORD = "solr_password";
    public static final String SITE_ID = "ckan.site_id";
    public static final String DATASTORE_WRITE_URL = "ckan.datastore.write_url";
    public static final String DATASTORE_READ_URL = "ckan.datastore.read_url";
    public static final String PLUGINS = "ckan.plugins";
    /** The settings a move takes from a site's config, in the order {@code ferry ckan config} shows them. */
    public static final List<String> MOVE_KEYS = List.of(SQLALCHEMY_URL, SOLR_URL, SOLR_USER, SOLR_PASSWORD,
            SITE_ID, DATASTORE_WRITE_URL, DATASTORE_READ_URL, PLUGINS);
    /** CKAN's site id when the config names none. */
    public static final String DEFAULT_SITE_ID = "default";

    /** CKAN's {@code CONFIG_FROM_ENV_VARS} (ckan/config/environment.py, the same in 2.9 to 2.11). */
    private static final Map<String, String> ENV_OVERRIDES = orderedPairs(
            SQLALCHEMY_URL, "CKAN_SQLALCHEMY_URL",
            DATASTORE_WRITE_URL, "CKAN_DATASTORE_WRITE_URL",
            DATASTORE_READ_URL, "CKAN_DATASTORE_READ_URL",
            "ckan.redis.url", "CKAN_REDIS_URL",
            SOLR_URL, "CKAN_SOLR_URL",
            SOLR_USER, "CKAN_SOLR_USER",
            SOLR_PASSWORD, "CKAN_SOLR_PASSWORD",
            SITE_ID, "CKAN_SITE_ID",
            "ckan.site_url", "CKAN_SITE_URL",
            "ckan.storage_path", "CKAN_STORAGE_PATH",
            "ckan.datapusher.url", "CKAN_DATAPUSHER_URL",
            "smtp.server", "CKAN_SMTP_SERVER",
            "smtp.starttls", "CKAN_SMTP_STARTTLS",
            "smtp.user", "CKAN_SMTP_USER",
            "smtp.password", "CKAN_SMTP_PASSWORD",
            "smtp.mail_from", "CKAN_SMTP_MAIL_FROM",
            "ckan.max_resource_size", "CKAN_MAX_UPLOAD_SIZE_MB");
    private static final List<String> POSTGRES_URLS = List.of(SQLALCHEMY_URL, DATASTORE_WRITE_URL, DATASTORE_READ_URL);

    private final Path file;
    private final List<Path> files;
    private final Map<String, CkanSetting> settings;

    private CkanIni(Path file, List<Path> files, Map<String, CkanSetting> settings) {
        this.file = file;
        this.files = List.copyOf(files);
        this.settings = Map.copyOf(settings);
    }

    /**
     * Reads the config, its base files and the environment's overrides, and checks its URLs.
     *
     * @throws FerryException INPUT when the file cannot be read or is no ini file; USAGE (one line
     *                        naming the file, line and key) for a missing base file, a cycle of
     *                        base files, an undefined {@code %(name)s} or a URL that does not parse
     */
    public static CkanIni read(Path file, Environment env) {
        CkanIniChain chain = CkanIniChain.read(file.toAbsolutePath().normalize(), env);
        Map<String, CkanSetting> settings = new LinkedHashMap<>();
        chain.resolveAll().forEach((key, r) -> settings.put(key,
                CkanSetting.fromFile(key, r.value(), r.raw().file(), r.raw().line(), r.variables())));
        ENV_OVERRIDES.forEach((key, variable) -> {
            String value = env.get(variable);
            if (value != null) {
                settings.put(key, CkanSetting.fromEnvironment(key, value, variable));
            }
        });
        if (plugins(settings).contains("envvars")) {
            envvarsPlugin(settings, env);
        }
        CkanIni ini = new CkanIni(file, chain.files(), settings);
        ini.check(env);
        return ini;
    }

    /**
     * The envvars plugin's variables. They are applied when the plugins are already loaded, so they
     * cannot change {@code ckan.plugins} itself.
     */
    private static void envvarsPlugin(Map<String, CkanSetting> settings, Environment env) {
        env.variables().keySet().stream().sorted().forEach(variable -> {
            if (!variable.startsWith("CKAN__") && !variable.startsWith("CKANEXT__")
                    && !variable.startsWith("CKAN___")) {
                return;
            }
            String name = variable.startsWith("CKAN___") ? variable.substring("CKAN___".length()) : variable;
            String key = name.toLowerCase(Locale.ROOT).replace("__", ".");
            String value = env.get(variable);
            if (value != null && !key.equals(PLUGINS)) {
                settings.put(key, CkanSetting.fromEnvironment(key, value, variable));
            }
        });
    }

    private void check(Environment env) {
        for (String key : POSTGRES_URLS) {
            setting(key).ifPresent(s -> {
                try {
                    new ConnectionParser(env).parse(s.value()); // registers the password with Secrets
                } catch (FerryException e) {
                    throw s.invalid("not a PostgreSQL connection URL (" + withoutQuotedText(e.getMessage()) + ")");
                }
            });
        }
        setting(SOLR_URL).ifPresent(s -> {
            String reason = httpUrlProblem(s.value());
            if (reason != null) {
                throw s.invalid("not a Solr URL (" + reason + "; expected http://host:8983/solr/CORE)");
            }
            CkanSetting.urlPassword(s.value()).ifPresent(p -> {
                Secrets.register(p);
                Secrets.register(PercentCoding.decode(p));
            });
        });
        setting(SOLR_PASSWORD).ifPresent(s -> Secrets.register(s.value()));
    }

    /** Why {@code text} is no http(s) URL with a host, or null when it is one. Never quotes the text. */
    private static String httpUrlProblem(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                return "the scheme is not http or https";
            }
            if (uri.getHost() == null) {
                return "no host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "malformed at character " + (e.getIndex() + 1);
        }
    }

    /** A parser's message without the text it quotes, which may hold a password. */
    private static String withoutQuotedText(String message) {
        return message.replaceAll("'[^']*'", "'...'");
    }

    private static List<String> plugins(Map<String, CkanSetting> settings) {
        CkanSetting s = settings.get(PLUGINS);
        return s == null || s.value().isBlank() ? List.of() : Arrays.asList(s.value().strip().split("\\s+"));
    }

    private static Map<String, String> orderedPairs(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** A setting of [app:main] after the environment's overrides; an empty value counts as unset. */
    public Optional<String> get(String key) {
        return setting(key).map(CkanSetting::value);
    }

    /** A setting with where it came from; an empty value counts as unset. */
    public Optional<CkanSetting> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(s -> !s.value().isEmpty());
    }

    /** {@code sqlalchemy.url}, which every CKAN config must have. */
    public String sqlalchemyUrl() {
        return get(SQLALCHEMY_URL).orElseThrow(() -> new FerryException(ErrorCode.INPUT,
                "CKAN config " + file + " has no sqlalchemy.url in [" + MAIN + "] (nor does any base file or "
                        + "CKAN_SQLALCHEMY_URL)"));
    }

    public Optional<String> solrUrl() {
        return get(SOLR_URL);
    }

    /** The DataStore's write URL ({@code ckan.datastore.write_url}), checked to parse; empty without a DataStore. */
    public Optional<String> datastoreWriteUrl() {
        return get(DATASTORE_WRITE_URL);
    }

    /** The DataStore's read-only URL ({@code ckan.datastore.read_url}), checked to parse. */
    public Optional<String> datastoreReadUrl() {
        return get(DATASTORE_READ_URL);
    }

    /** {@code ckan.site_id}, or CKAN's own default when the config has none. */
    public String siteId() {
        return get(SITE_ID).orElse(DEFAULT_SITE_ID);
    }

    /** {@code ckan.plugins} as CKAN reads it: names separated by white space, in order. */
    public List<String> plugins() {
        return plugins(settings);
    }

    public boolean enables(String plugin) {
        return plugins().contains(plugin);
    }

    /** The file given. */
    public Path file() {
        return file;
    }

    /** The files read: the one given, then each base file in turn. */
    public List<Path> files() {
        return files;
    }
}
