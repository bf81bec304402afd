package io.ferry.cli;

import io.ferry.connect.Environment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ferry} for the tests. {@link #run} runs a command line in this JVM on a {@link Console}
 * of its own (its output and error captured through the redacting streams, no standard input, the
 * environment a separate run would get): most tests are about what a command does and prints, and a
 * JVM per command line was most of the suite's time. {@link #runJvm}, {@link #start} and
 * {@link #builder} run {@code ferry} as a separate JVM, exactly as a user would (real exit code, real
 * stdout and stderr), for the tests about the process itself: crashes, signals, concurrent processes,
 * a terminal, passwords in a process's output, the JVM's locale.
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

    /**
     * The environment every run of a test gets, in this JVM or another: the user's own libpq settings
     * and password file are kept out, and Ferry's home is a folder of the test's.
     */
    static Map<String, String> environment(Path workDir, Map<String, String> inherited) {
        Map<String, String> env = new HashMap<>(inherited);
        env.keySet().removeIf(k -> k.startsWith("PG"));
        env.put("PGPASSFILE", workDir.resolve("no-pgpass").toString());
        env.put("FERRY_HOME", workDir.resolve("ferry-home").toString());
        return env;
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
        Map<String, String> env = environment(workDir, pb.environment());
        pb.environment().clear();
        pb.environment().putAll(env);
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

    /** Runs ferry in this JVM, as {@link Ferry#main} would run it but for the final {@code System.exit}. */
    static Result run(Path workDir, String... args) {
        return run(environment(workDir, System.getenv()), args);
    }

    /** Runs ferry in this JVM with these environment variables (see {@link #environment}). */
    static Result run(Map<String, String> variables, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outText = RedactingStream.wrap(new PrintStream(out, true, StandardCharsets.UTF_8));
        PrintStream errText = RedactingStream.wrap(new PrintStream(err, true, StandardCharsets.UTF_8));
        Environment env = new Environment(variables, Path.of(System.getProperty("user.home")));
        int code = Ferry.run(args, new Console(outText, errText, out, InputStream.nullInputStream(), env, false));
        outText.close();
        errText.close();
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs ferry in a JVM of its own. */
    static Result runJvm(Path workDir, String... args) throws Exception {
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
