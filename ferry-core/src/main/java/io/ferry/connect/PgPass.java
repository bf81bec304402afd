package io.ferry.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A libpq password file: lines of {@code hostname:port:database:username:password}, {@code *}
 * matching anything, {@code \:} and {@code \\} escaping, the first matching line winning. As libpq
 * does, a file that others may read is ignored with a warning.
 */
final class PgPass {
    private static final Logger LOG = LoggerFactory.getLogger(PgPass.class);

    private final List<String[]> entries;

    private PgPass(List<String[]> entries) {
        this.entries = entries;
    }

    /** The password file named by PGPASSFILE, else {@code ~/.pgpass}, if it exists and is private. */
    static Optional<PgPass> locate(Environment env) {
        String named = env.get("PGPASSFILE");
        Path file = named != null ? Path.of(named) : env.home().resolve(".pgpass");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                LOG.warn("password file {} has group or world access; permissions should be u=rw (0600) "
                        + "or less; ignoring it", file.getFileName());
                return Optional.empty();
            }
        } catch (UnsupportedOperationException | IOException e) {
            // No POSIX permissions to check (or unreadable): libpq only checks where it can.
        }
        try {
            return Optional.of(parse(Files.readAllLines(file)));
        } catch (IOException e) {
            LOG.warn("cannot read password file {}: {}", file.getFileName(), e.getMessage());
            return Optional.empty();
        }
    }

    static PgPass parse(List<String> lines) {
        List<String[]> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = split(line);
            if (fields.length == 5) {
                entries.add(fields);
            }
        }
        return new PgPass(entries);
    }

    private static String[] split(String line) {
        List<String> fields = new ArrayList<>(5);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(new String[0]);
    }

    Optional<String> find(String host, int port, String database, String user) {
        String portText = Integer.toString(port);
        for (String[] e : entries) {
            if (matches(e[0], host) && matches(e[1], portText) && matches(e[2], database) && matches(e[3], user)) {
                return Optional.of(e[4]);
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }
}
