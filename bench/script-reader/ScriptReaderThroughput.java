import io.ferry.sql.CopyData;
import io.ferry.sql.ScriptItem;
import io.ferry.sql.ScriptReader;
import io.ferry.sql.SqlStatement;
import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;

/**
 * For bench/script-reader.sh: reads about 20 MB of generated small statements with Ferry's
 * ScriptReader (the parser behind migrations and plain dump loads) and prints the best speed of
 * five rounds. A benchmark, not a test: the counts are checked, so a reader that loses statements
 * shows, but the speed is only printed, since timings on a shared machine mean little.
 */
public final class ScriptReaderThroughput {
    private static final int GROUPS = 40_000;

    public static void main(String[] args) throws IOException {
        String script = generate();
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            long[] counts = count(script);
            long nanos = System.nanoTime() - t0;
            // Per group: 3 INSERTs, 1 UPDATE, 1 function, 1 COPY statement; 1 data block; 1 meta command every 100.
            expect(6L * GROUPS, counts[0], "statements");
            expect(GROUPS, counts[1], "COPY data blocks");
            expect(GROUPS / 100, counts[2], "meta commands");
            best = Math.max(best, script.length() / 1e6 / (nanos / 1e9));
        }
        System.out.printf(Locale.ROOT, "ScriptReader throughput: %.1f MB/s (best of 5 over %.1f MB of text)%n",
                best, script.length() / 1e6);
    }

    private static void expect(long want, long got, String what) {
        if (want != got) {
            throw new IllegalStateException("read " + got + " " + what + ", the script has " + want);
        }
    }

    private static String generate() {
        StringBuilder s = new StringBuilder(21_000_000);
        for (int i = 0; i < GROUPS; i++) {
            if (i % 100 == 0) {
                s.append("\\connect catalog_").append(i).append('\n');
            }
            s.append("-- group ").append(i).append("; inserts\n");
            s.append("INSERT INTO public.package (id, name, notes) VALUES (").append(i)
                    .append(", 'pkg-").append(i).append("', 'it''s; fine');\n");
            s.append("INSERT INTO public.package (id, name, notes) VALUES (").append(i)
                    .append(", E'esc\\'aped;', \"quoted;ident\");\n");
            s.append("INSERT INTO public.tag /* block; comment */ VALUES (").append(i).append(", 'x');\n");
            s.append("UPDATE public.package SET state = 'active' WHERE id = ").append(i).append(";\n");
            s.append("CREATE FUNCTION f").append(i).append("() RETURNS int LANGUAGE plpgsql AS $fn$\n")
                    .append("BEGIN\n  RETURN 1; -- done;\nEND;\n$fn$;\n");
            s.append("COPY public.resource (id, url) FROM stdin;\n");
            s.append(i).append("\thttp://example.org/a;b\t$$\n");
            s.append(i + 1).append("\thttp://example.org/c'd\t\\N\n");
            s.append("\\.\n\n");
        }
        return s.toString();
    }

    /** Statements, COPY data blocks and meta commands; data is read through. */
    private static long[] count(String script) throws IOException {
        long[] counts = new long[3];
        char[] chunk = new char[8192];
        try (ScriptReader reader = new ScriptReader(new StringReader(script))) {
            for (ScriptItem item = reader.next(); item != null; item = reader.next()) {
                if (item instanceof SqlStatement) {
                    counts[0]++;
                } else if (item instanceof CopyData data) {
                    counts[1]++;
                    while (data.reader().read(chunk) >= 0) {
                        // the data is read, as a loader would
                    }
                } else {
                    counts[2]++;
                }
            }
        }
        return counts;
    }
}
