package io.ferry.cli;

import io.ferry.connect.Environment;
import java.nio.file.Path;

/** Where Ferry keeps its own files: {@code $FERRY_HOME}, else {@code ~/.ferry}, in a run's environment. */
public final class FerryHome {
    private FerryHome() {
    }

    public static Path root(Environment env) {
        String home = env.get("FERRY_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : env.home().resolve(".ferry");
    }

    /** The data folder of the embedded server behind {@code --db embedded:NAME}. */
    public static Path embeddedData(Environment env) {
        return root(env).resolve("embedded-pg");
    }

    /** Where the warm template of a fresh cluster is kept, copied for each throwaway server. */
    public static Path clusterTemplates(Environment env) {
        return root(env).resolve("cluster-template");
    }
}
