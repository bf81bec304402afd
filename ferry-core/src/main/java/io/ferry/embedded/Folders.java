package io.ferry.embedded;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Copying and removing data folders. */
final class Folders {
    private static final Logger LOG = LoggerFactory.getLogger(Folders.class);
    /** Zonky's lock file in a data folder: it belongs to the server holding it, never copied. */
    private static final String LOCK_FILE = "epg-lock";

    private Folders() {
    }

    /** Copies the tree {@code from} into {@code to} (which may exist), without zonky's lock file. */
    static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                if (!Files.isDirectory(target)) {
                    Files.createDirectory(target);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!file.getFileName().toString().equals(LOCK_FILE)) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Empties {@code dir}, keeping the folder itself. */
    static void clear(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(Folders::delete);
        } catch (IOException e) {
            LOG.debug("cannot empty {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Removes the folder {@code dir} with everything in it, in a process of its own that is not waited
     * for: a throwaway cluster is thousands of files, and nobody needs to wait for them to go. If no
     * such process can be started, the folder is removed here and now.
     */
    static void removeLater(Path dir) {
        try {
            new ProcessBuilder(List.of("rm", "-rf", "--", dir.toAbsolutePath().toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.debug("cannot start rm: {}", e.getMessage());
            delete(dir);
        }
    }

    /** Removes a file or a folder with everything in it; quietly, if it is not there or cannot be removed. */
    static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", path, e.getMessage());
        }
    }
}
