package io.ferry.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration folders for tests: {@code files.write("core/001_init.sql", "CREATE TABLE ...")}. */
final class MigrationFiles {
    private final Path root;

    MigrationFiles(Path root) {
        this.root = root;
    }

    MigrationFiles write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MigrationFiles delete(String relative) {
        try {
            Files.delete(root.resolve(relative));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    MigrationSet load() {
        return MigrationSet.load(root, getClass().getClassLoader());
    }
}
