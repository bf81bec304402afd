package io.ferry.cli;

import java.nio.file.Path;

/** Where Ferry keeps its own files: {@code $FERRY_HOME}, else {@code ~/.ferry}. */
public final class FerryHome {
    private FerryHome() {
    }

    public static Path root() {
        String home = System.getenv("FERRY_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".ferry");
    }

    /** The data folder of the embedded server behind {@code --db embedded:NAME}. */
    public static Path embeddedData() {
        return root().resolve("embedded-pg");
    }
}
