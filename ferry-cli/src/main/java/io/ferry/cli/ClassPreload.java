package io.ferry.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Used by the {@code ferry} launcher once per build, when it records its class-data-sharing archive:
 * loads every class of Ferry and of the JDBC driver, then runs the command line it is given. The
 * archive then holds the classes of every command, not only those the recording command touched,
 * so that {@code diff}, {@code verify} and the rest start as quickly as {@code migrate}.
 */
public final class ClassPreload {
    private static final String[] PACKAGES = {"io/ferry/", "org/postgresql/"};

    private ClassPreload() {
    }

    public static void main(String[] args) throws IOException, URISyntaxException {
        Path jar = Path.of(ClassPreload.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ClassLoader loader = ClassPreload.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(JarEntry::getName).filter(ClassPreload::wanted).forEach(name -> {
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class whose optional dependency is absent: it is simply not archived.
                }
            });
        }
        Ferry.main(args);
    }

    private static boolean wanted(String name) {
        if (!name.endsWith(".class") || name.contains("-") || name.startsWith("META-INF/")) {
            return false;
        }
        for (String prefix : PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
