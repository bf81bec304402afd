package io.ferry.cli;

import io.ferry.connect.Environment;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs many {@code ferry} command lines in one JVM, each exactly as {@link Ferry#main} would (the
 * same redacting standard streams, the same exit code, minus the final {@code System.exit}): the
 * fault suites start one process for dozens of cases instead of one per case.
 *
 * <p>Each argument is a folder holding {@code args} (the command line, one argument per line) and
 * maybe {@code stdin} (the command's standard input; else it reads nothing); the run writes
 * {@code out}, {@code err} and {@code exit} beside it.
 */
public final class FerryBatch {
    private FerryBatch() {
    }

    public static void main(String[] folders) throws Exception {
        PrintStream realOut = System.out;
        for (String folder : folders) {
            Path dir = Path.of(folder);
            String[] args = Files.readAllLines(dir.resolve("args"), StandardCharsets.UTF_8).toArray(String[]::new);
            Files.writeString(dir.resolve("exit"), String.valueOf(run(dir, args)));
        }
        realOut.flush();
        System.exit(0);
    }

    /** One command line with standard output and error going to files in {@code dir}. */
    static synchronized int run(Path dir, String... args) throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        PrintStream out = RedactingStream.wrap(new PrintStream(new FileOutputStream(dir.resolve("out").toFile()), true,
                StandardCharsets.UTF_8));
        PrintStream err = RedactingStream.wrap(new PrintStream(new FileOutputStream(dir.resolve("err").toFile()), true,
                StandardCharsets.UTF_8));
        InputStream oldIn = System.in;
        // A case's standard input is its folder's stdin file, else nothing (never the batch's own).
        Path stdin = dir.resolve("stdin");
        System.setIn(Files.exists(stdin) ? Files.newInputStream(stdin) : InputStream.nullInputStream());
        System.setOut(out);
        System.setErr(err);
        try {
            return Ferry.run(args, new Console(out, err, new FileOutputStream(FileDescriptor.out), System.in,
                    Environment.system(), false));
        } finally {
            out.close();
            err.close();
            System.in.close();
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
