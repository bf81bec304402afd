package io.ferry.embedded;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A warm template of a fresh cluster: the data folder that initdb makes, kept once in a folder of
 * Ferry's own and copied for each throwaway server instead of running initdb again (initdb costs
 * a second or more; a copy, a few hundredths).
 *
 * <p>The template is only valid for the binaries that made it and the locale initdb took from the
 * environment, so its name carries both: the size and CRC of the bundled binaries archive (read
 * from the jar's directory, not from the archive itself) and a hash of the locale variables. When
 * either changes a new template is made, and the old ones are removed. Every failure here is
 * harmless: without a template, the server is made by initdb as before.
 */
final class ClusterTemplate {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterTemplate.class);
    /** The binaries archive zonky unpacks: Ferry ships linux-amd64 only (see the root pom). */
    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final List<String> LOCALE_VARIABLES = List.of("LC_ALL", "LC_COLLATE", "LC_CTYPE", "LC_MESSAGES",
            "LC_MONETARY", "LC_NUMERIC", "LC_TIME", "LANG");

    private final Path folder;
    private final Path template;

    private ClusterTemplate(Path folder, String name) {
        this.folder = folder;
        this.template = folder.resolve(name);
    }

    /** The template kept in {@code folder} for the bundled binaries, if they can be identified. */
    static Optional<ClusterTemplate> in(Path folder) {
        return binariesKey().map(key -> new ClusterTemplate(folder.toAbsolutePath(), "pg-" + key + "-"
                + Integer.toHexString(localeKey())));
    }

    /** The size and CRC-32 of the bundled binaries archive, as the jar's directory records them. */
    private static Optional<String> binariesKey() {
        URL url = ClusterTemplate.class.getClassLoader().getResource(BINARIES);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar) {
                jar.setUseCaches(false);
                JarEntry entry = jar.getJarEntry();
                jar.getJarFile().close();
                if (entry != null && entry.getCrc() != -1 && entry.getSize() != -1) {
                    return Optional.of(Long.toHexString(entry.getSize()) + "-" + Long.toHexString(entry.getCrc()));
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot identify the bundled PostgreSQL binaries: {}", e.getMessage());
        }
        return Optional.empty();
    }

    private static int localeKey() {
        return Objects.hash(LOCALE_VARIABLES.stream().map(System::getenv).toArray());
    }

    /**
     * Copies the template into the empty folder {@code dataDir}.
     *
     * @return whether {@code dataDir} now holds a cluster; false if there is no template yet
     */
    boolean copyTo(Path dataDir) {
        if (!Files.isRegularFile(template.resolve("PG_VERSION"))) {
            return false;
        }
        try {
            Folders.copy(template, dataDir);
            return true;
        } catch (IOException e) {
            LOG.debug("cannot copy the cluster template {}: {}", template, e.getMessage());
            Folders.clear(dataDir);
            return false;
        }
    }

    /**
     * Keeps a copy of the fresh cluster {@code dataDir} (just made by initdb, never started) as the
     * template. The copy is made beside it and renamed into place, so that a concurrent Ferry never
     * sees half a template; the first one renamed wins. Older templates are removed.
     */
    void save(Path dataDir) {
        Path partial = folder.resolve(".partial-" + UUID.randomUUID());
        try {
            Files.createDirectories(folder);
            Folders.copy(dataDir, partial);
            Files.move(partial, template, StandardCopyOption.ATOMIC_MOVE);
            LOG.debug("kept the cluster template {}", template);
            removeOthers();
        } catch (IOException | RuntimeException e) {
            // It runs inside the server's start: a template not kept must not stop the server.
            LOG.debug("cannot keep the cluster template {}: {}", template, e.getMessage());
        } finally {
            Folders.delete(partial);
        }
    }

    /** Removes the template, so that the next server is made by initdb and kept instead. */
    void discard() {
        Folders.delete(template);
    }

    private void removeOthers() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(p -> !p.equals(template) && p.getFileName().toString().startsWith("pg-"))
                    .forEach(Folders::delete);
        }
    }
}
