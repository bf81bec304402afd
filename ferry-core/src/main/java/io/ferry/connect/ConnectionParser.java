package io.ferry.connect;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what a user types into a {@link ConnectionSpec}, the way libpq does: a {@code postgres://}
 * or {@code postgresql://} URL (also SQLAlchemy's {@code postgresql+psycopg2://}, as ckan.ini has it),
 * a {@code jdbc:postgresql://} URL, or a keyword/value string ({@code host=db dbname=ckan}).
 * What the text leaves out comes from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE and
 * then {@code ~/.pgpass} (or PGPASSFILE), with libpq's defaults last.
 */
public final class ConnectionParser {
    private final Environment env;

    public ConnectionParser(Environment env) {
        this.env = env;
    }

    public ConnectionSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FerryException(ErrorCode.USAGE, "empty connection string");
        }
        String trimmed = text.strip();
        Parts parts;
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            parts = parseUrl(trimmed.substring("jdbc:".length()), trimmed);
        } else if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")
                || lower.startsWith("postgresql+")) {
            parts = parseUrl(trimmed, trimmed);
        } else if (trimmed.contains("=") && !trimmed.contains("://")) {
            parts = parseKeywords(trimmed);
        } else {
            throw new FerryException(ErrorCode.USAGE, "not a PostgreSQL connection string: '"
                    + Secrets.redact(shorten(trimmed)) + "' (expected postgres://user@host:port/db, "
                    + "jdbc:postgresql://host/db, embedded:NAME or host=... dbname=...)");
        }
        return complete(parts);
    }

    /** Fills gaps from the environment and pgpass, as libpq does, and validates. */
    private ConnectionSpec complete(Parts parts) {
        String host = first(parts.host, env.get("PGHOST"), "localhost");
        if (host.startsWith("/")) {
            throw new FerryException(ErrorCode.USAGE, "Unix-domain socket connections (host " + host
                    + ") are not supported; connect over TCP, e.g. host=localhost");
        }
        String portText = first(parts.port, env.get("PGPORT"), "5432");
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new FerryException(ErrorCode.USAGE, "invalid port '" + portText + "'");
        }
        String user = first(parts.user, env.get("PGUSER"), env.osUser());
        String database = first(parts.database, env.get("PGDATABASE"), user);
        String password = parts.password != null ? parts.password : env.get("PGPASSWORD");
        if (password == null) {
            password = PgPass.locate(env).flatMap(p -> p.find(host, port, database, user)).orElse(null);
        }
        Map<String, String> options = parts.options;
        if (!options.containsKey("sslmode") && env.get("PGSSLMODE") != null) {
            options.put("sslmode", env.get("PGSSLMODE"));
        }
        if (!options.containsKey("connectTimeout")) {
            // libpq waits forever by default; a migration tool should say "unreachable" instead.
            options.put("connectTimeout", first(env.get("PGCONNECT_TIMEOUT"), "10"));
        }
        return new ConnectionSpec(host, port, database, user, password, options);
    }

    private static Parts parseUrl(String url, String original) {
        Parts parts = new Parts();
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new FerryException(ErrorCode.USAGE, "malformed connection URL: missing '://'");
        }
        String rest = url.substring(schemeEnd + 3);
        int fragment = rest.lastIndexOf('#');
        // A password may contain '@', ':', '/', '?' and '#' even unencoded: the userinfo runs to the
        // last '@', and a '#' before it belongs to the password, not a fragment.
        int at = rest.lastIndexOf('@');
        if (fragment > at) {
            rest = rest.substring(0, fragment);
        }
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                parts.user = emptyToNull(PercentCoding.decode(userInfo.substring(0, colon)));
                parts.password = PercentCoding.decode(userInfo.substring(colon + 1));
            } else {
                parts.user = emptyToNull(PercentCoding.decode(userInfo));
            }
        }
        int query = rest.indexOf('?');
        String queryText = query >= 0 ? rest.substring(query + 1) : "";
        String hostAndPath = query >= 0 ? rest.substring(0, query) : rest;
        int slash = hostAndPath.indexOf('/');
        String hostPort = slash >= 0 ? hostAndPath.substring(0, slash) : hostAndPath;
        if (slash >= 0) {
            parts.database = emptyToNull(PercentCoding.decode(hostAndPath.substring(slash + 1)));
        }
        parseHostPort(hostPort, parts, original);
        for (String pair : queryText.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = PercentCoding.decode(eq >= 0 ? pair.substring(0, eq) : pair);
            String value = PercentCoding.decode(eq >= 0 ? pair.substring(eq + 1) : "");
            parts.set(key, value);
        }
        return parts;
    }

    private static void parseHostPort(String hostPort, Parts parts, String original) {
        if (hostPort.isEmpty()) {
            return;
        }
        if (hostPort.contains(",")) {
            throw new FerryException(ErrorCode.USAGE, "several hosts in one connection URL are not supported");
        }
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new FerryException(ErrorCode.USAGE, "malformed IPv6 host in connection URL");
            }
            host = hostPort.substring(1, close);
            if (close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':') {
                port = hostPort.substring(close + 2);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                port = hostPort.substring(colon + 1);
            }
        }
        parts.host = emptyToNull(PercentCoding.decode(host));
        parts.port = emptyToNull(port);
        if (parts.port != null && !parts.port.chars().allMatch(Character::isDigit)) {
            throw new FerryException(ErrorCode.USAGE, "invalid port '" + parts.port
                    + "' in connection URL (percent-encode special characters in the password)");
        }
    }

    /** libpq's {@code key=value key='quoted value'} form. */
    private static Parts parseKeywords(String text) {
        Parts parts = new Parts();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new FerryException(ErrorCode.USAGE, "malformed connection string: missing '=' after '"
                        + text.substring(i).strip().split("\\s")[0] + "'");
            }
            String key = text.substring(i, eq).strip();
            i = eq + 1;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '\'') {
                i++;
                while (i < n && text.charAt(i) != '\'') {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = text.charAt(++i);
                    }
                    value.append(c);
                    i++;
                }
                if (i >= n) {
                    throw new FerryException(ErrorCode.USAGE, "malformed connection string: unterminated quote");
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = text.charAt(++i);
                    }
                    value.append(c);
                    i++;
                }
            }
            parts.set(key, value.toString());
        }
        return parts;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    /** What the text itself said; gaps stay null until {@link #complete}. */
    /** libpq's other connection keywords: accepted (and passed on to pgjdbc, which ignores those it lacks). */
    private static final java.util.Set<String> LIBPQ_KEYWORDS = java.util.Set.of("hostaddr", "passfile",
            "channel_binding", "client_encoding", "fallback_application_name", "keepalives", "keepalives_idle",
            "keepalives_interval", "keepalives_count", "tcp_user_timeout", "replication", "gssencmode", "requiressl",
            "sslcompression", "sslcrl", "sslcrldir", "sslsni", "requirepeer", "ssl_min_protocol_version",
            "ssl_max_protocol_version", "krbsrvname", "gsslib", "service", "target_session_attrs",
            "load_balance_hosts");

    private static final class Parts {
        String host;
        String port;
        String database;
        String user;
        String password;
        final Map<String, String> options = new LinkedHashMap<>();

        /** A libpq keyword (or JDBC property) from a URL query or keyword string. */
        void set(String key, String value) {
            switch (key) {
                case "host" -> host = emptyToNull(value);
                case "port" -> port = emptyToNull(value);
                case "dbname" -> database = emptyToNull(value);
                case "user" -> user = emptyToNull(value);
                case "password" -> password = value;
                case "connect_timeout" -> options.put("connectTimeout", value);
                case "application_name" -> options.put("ApplicationName", value);
                case "sslmode", "sslcert", "sslkey", "sslrootcert", "sslpassword" -> options.put(key, value);
                case "options" -> options.put("options", value);
                default -> {
                    // libpq refuses a keyword it does not know; so does Ferry, or a typo such as
                    // "hots=db" would silently connect to the default host instead.
                    if (!LIBPQ_KEYWORDS.contains(key) && org.postgresql.PGProperty.forName(key) == null) {
                        throw new FerryException(ErrorCode.USAGE, "unknown connection option '" + key + "'");
                    }
                    options.put(key, value);
                }
            }
        }
    }
}
