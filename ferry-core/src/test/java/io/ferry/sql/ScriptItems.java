package io.ferry.sql;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: read a whole script into comparable values. */
final class ScriptItems {
    /** The text of a COPY data block, read in full, so that items compare with equals. */
    record Data(String text, int line) {
    }

    private ScriptItems() {
    }

    /**
     * All items; each CopyData replaced by its {@link Data}. Also checks that the same items come out
     * when the input trickles in, so that every test covers the buffer refills as well.
     */
    static List<Object> read(String script) {
        List<Object> items = read(new ScriptReader(new StringReader(script)));
        List<Object> trickled = readTrickling(script);
        if (!items.equals(trickled)) {
            throw new AssertionError("trickling input gave " + trickled + " instead of " + items);
        }
        return items;
    }

    /**
     * Like {@link #read(String)}, but the input arrives one character per read call into a tiny
     * buffer, so that every look-ahead and every copy crosses a refill.
     */
    static List<Object> readTrickling(String script) {
        return read(new ScriptReader(new TrickleReader(script), 4));
    }

    /** Only the statements' text. */
    static List<String> sql(String script) {
        List<String> sql = new ArrayList<>();
        for (Object item : read(script)) {
            if (item instanceof SqlStatement statement) {
                sql.add(statement.sql());
            }
        }
        return sql;
    }

    static SqlStatement stmt(String sql, int line) {
        return new SqlStatement(sql, line);
    }

    static MetaCommand meta(String name, String argument, int line) {
        return new MetaCommand(name, argument, line);
    }

    private static List<Object> read(ScriptReader reader) {
        List<Object> items = new ArrayList<>();
        try (reader) {
            for (ScriptItem item = reader.next(); item != null; item = reader.next()) {
                if (item instanceof CopyData data) {
                    items.add(new Data(readAll(data.reader()), data.line()));
                } else {
                    items.add(item);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    static String readAll(Reader reader) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[7];
        for (int n = reader.read(chunk); n >= 0; n = reader.read(chunk)) {
            text.append(chunk, 0, n);
        }
        return text.toString();
    }

    /** Hands out one character per call, like a slow stream. */
    static final class TrickleReader extends Reader {
        private final String text;
        private int pos;

        TrickleReader(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] dst, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos == text.length()) {
                return -1;
            }
            dst[off] = text.charAt(pos++);
            return 1;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
