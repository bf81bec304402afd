package io.ferry.pgdump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EntryDataTest {
    /** COPY rows, among them lines that only start like the end line, then the end line and what pg_dump writes after it. */
    private static final String DATA = "1\tone\n\\.x\n\\\n.\n2\t\\N\n\\.\n\n\n";

    /** Hands out at most {@code most} bytes per read, so lines and the end line fall across reads. */
    private static InputStream trickle(byte[] bytes, int most) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, most));
            }
        };
    }

    @Test
    void countsRowsUpToTheEndLineHoweverTheBytesArrive() throws Exception {
        byte[] bytes = DATA.getBytes(StandardCharsets.UTF_8);
        for (int most : new int[] {1, 2, 3, 5, 7, 64}) {
            try (EntryData data = new EntryData(null, null, trickle(bytes, most))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                data.transferTo(out);
                assertEquals("1\tone\n\\.x\n\\\n.\n2\t\\N\n\\.\n", out.toString(StandardCharsets.UTF_8), "reads of " + most);
                assertEquals(5, data.rows(), "reads of " + most);
            }
        }
    }

    @Test
    void dataWithoutAnEndLineCountsEveryLine() throws Exception {
        byte[] bytes = "a\nb\n\\\\.\nc\n".getBytes(StandardCharsets.UTF_8);
        for (int most : new int[] {1, 4, 64}) {
            try (EntryData data = new EntryData(null, null, trickle(bytes, most))) {
                assertEquals(bytes.length, data.readAllBytes().length);
                assertEquals(4, data.rows(), "reads of " + most);
            }
        }
    }
}
