package io.ferry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ferry} as a separate JVM, exactly as a user would (real exit code, real stdout and
 * stderr through the redacting streams), on the test class path.
 */
final class FerryProcess {
    /** What a finished run printed and returned. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private FerryProcess() {
    }

    static ProcessBuilder builder(Path workDir, List<String> args) {
        return builder(workDir, List.of(), args);
    }

    /** @param jvmOptions options for the JVM itself, before the class path (e.g. {@code -Duser.language=tr}) */
    static ProcessBuilder builder(Path workDir, List<String> jvmOptions, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Ferry.class.getName());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        // Keep the user's own libpq settings and password file out of the tests.
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGPASSFILE", workDir.resolve("no-pgpass").toString());
        env.put("FERRY_HOME", workDir.resolve("ferry-home").toString());
        return pb;
    }

    /** Starts a run whose output goes to files in {@code workDir}. */
    static Process start(Path workDir, String name, String... args) throws IOException {
        ProcessBuilder pb = builder(workDir, List.of(args));
        pb.redirectOutput(workDir.resolve(name + ".out").toFile());
        pb.redirectError(workDir.resolve(name + ".err").toFile());
        return pb.start();
    }

    static Result finish(Process process, Path workDir, String name, Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("ferry " + name + " did not finish within " + timeout);
        }
        return new Result(process.exitValue(),
                Files.readString(workDir.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve(name + ".err"), StandardCharsets.UTF_8));
    }

    static Result run(Path workDir, String... args) throws Exception {
        return runIn(workDir, List.of(), args);
    }

    /** Runs ferry in a JVM started with {@code jvmOptions}. */
    static Result runIn(Path workDir, List<String> jvmOptions, String... args) throws Exception {
        String name = "run" + System.nanoTime();
        ProcessBuilder pb = builder(workDir, jvmOptions, List.of(args));
        pb.redirectOutput(workDir.resolve(name + ".out").toFile());
        pb.redirectError(workDir.resolve(name + ".err").toFile());
        return finish(pb.start(), workDir, name, Duration.ofMinutes(2));
    }
}
