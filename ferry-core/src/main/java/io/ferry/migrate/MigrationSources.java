package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where migrations come from: a folder ({@code --migrations ckan/migrations}) or a set bundled in
 * Ferry's jar ({@code --migrations builtin:NAME}, under {@code ferry/migrations/NAME/} on the class path).
 */
public final class MigrationSources {
    public static final String BUILTIN = "builtin:";
    private static final String ROOT = "ferry/migrations/";

    private MigrationSources() {
    }

    /** The folder for a {@code --migrations} value. */
    public static Path resolve(String location, ClassLoader loader) {
        if (!location.startsWith(BUILTIN)) {
            return Path.of(location);
        }
        String name = location.substring(BUILTIN.length());
        URL url = loader.getResource(ROOT + name + "/");
        if (name.isEmpty() || name.contains("/") || url == null) {
            throw new FerryException(ErrorCode.USAGE, "no built-in migrations named '" + name + "'");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                return jarFileSystem(uri).provider().getPath(uri);
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new FerryException(ErrorCode.INTERNAL, "cannot open built-in migrations " + name + ": " + e, e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }
}
