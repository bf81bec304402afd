package io.ferry.pgdump;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * Writes a custom-format archive as pg_dump 16 (version 1.15) or 17 (1.16) lays it out, from the
 * entries and uncompressed data of an archive pg_dump 15 wrote with {@code -Z0}: the header names
 * the compression algorithm in one byte, a 1.16 entry carries its relation kind, and each data block
 * holds the rows compressed with the given function, in chunks. The machine has only pg_dump 15,
 * so this is how the newer layouts and zstd and lz4 blocks are tested.
 */
final class ArchiveWriter {
    private final int minor;
    private final int algorithm;
    private final UnaryOperator<byte[]> compress;

    ArchiveWriter(int minor, int algorithm, UnaryOperator<byte[]> compress) {
        this.minor = minor;
        this.algorithm = algorithm;
        this.compress = compress;
    }

    static byte[] zstd(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] lz4(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new LZ4FrameOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    Path write(PgDumpArchive source, Path target) throws IOException {
        return write(source, target, UnaryOperator.identity());
    }

    /** Writes the archive with each entry changed by {@code edit} (to test how a failing entry is named). */
    Path write(PgDumpArchive source, Path target, UnaryOperator<TocEntry> edit) throws IOException {
        List<TocEntry> entries = source.entries().stream().map(edit).toList();
        List<byte[]> blocks = new ArrayList<>();
        for (TocEntry e : source.entries()) {
            if (e.hasData()) {
                byte[] rows;
                try (InputStream in = source.data(e)) {
                    rows = compress.apply(in.readAllBytes());
                }
                Out block = new Out();
                block.bytes.write(1);
                block.integer(e.dumpId());
                for (int at = 0; at < rows.length; at += 1000) { // several chunks, as pg_dump writes them
                    int n = Math.min(1000, rows.length - at);
                    block.integer(n);
                    block.bytes.write(rows, at, n);
                }
                block.integer(0);
                blocks.add(block.bytes.toByteArray());
            } else {
                blocks.add(null);
            }
        }
        byte[] header = header(source.header());
        int tocLength = toc(entries, new long[blocks.size()]).length;
        long[] offsets = new long[blocks.size()];
        long at = header.length + tocLength;
        for (int i = 0; i < blocks.size(); i++) {
            offsets[i] = blocks.get(i) == null ? -1 : at;
            at += blocks.get(i) == null ? 0 : blocks.get(i).length;
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(header);
            out.write(toc(entries, offsets));
            for (byte[] block : blocks) {
                if (block != null) {
                    out.write(block);
                }
            }
        }
        return target;
    }

    private byte[] header(PgDumpArchive.Header h) {
        Out out = new Out();
        out.bytes.writeBytes("PGDMP".getBytes(StandardCharsets.US_ASCII));
        out.bytes.writeBytes(new byte[] {1, (byte) minor, 0, 4, 8, 1, (byte) algorithm});
        for (int v : new int[] {0, 30, 12, 1, 5, 125, 0}) {
            out.integer(v);
        }
        out.string(h.database());
        out.string(h.serverVersion());
        out.string(h.pgDumpVersion());
        return out.bytes.toByteArray();
    }

    private byte[] toc(List<TocEntry> entries, long[] offsets) {
        Out out = new Out();
        out.integer(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            TocEntry e = entries.get(i);
            out.integer(e.dumpId());
            out.integer(e.hasData() ? 1 : 0);
            out.string("0");
            out.string("0");
            out.string(e.tag());
            out.string(e.description());
            out.integer(e.section().ordinal() + 1);
            out.string(e.definition());
            out.string(e.dropStatement());
            out.string(e.copyStatement());
            out.string(e.namespace());
            out.string("");
            out.string(e.tableAccessMethod());
            if (minor >= 16) {
                out.integer(e.description().equals("TABLE") ? 'r' : 0);
            }
            out.string(e.owner());
            out.string("false");
            for (int dependency : e.dependencies()) {
                out.string(String.valueOf(dependency));
            }
            out.string(null);
            out.bytes.write(offsets[i] >= 0 ? 2 : 3);
            for (int b = 0; b < 8; b++) {
                out.bytes.write((int) (Math.max(offsets[i], 0) >>> (8 * b)) & 0xff);
            }
        }
        return out.bytes.toByteArray();
    }

    /** The archive's integers (sign byte, four bytes least significant first) and strings. */
    private static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void integer(int v) {
            bytes.write(v < 0 ? 1 : 0);
            int magnitude = Math.abs(v);
            for (int b = 0; b < 4; b++) {
                bytes.write((magnitude >>> (8 * b)) & 0xff);
            }
        }

        void string(String s) {
            if (s == null) {
                integer(-1);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            integer(utf8.length);
            bytes.writeBytes(utf8);
        }
    }
}
