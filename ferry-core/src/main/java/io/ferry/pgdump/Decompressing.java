package io.ferry.pgdump;

import com.github.luben.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import java.util.zip.InflaterInputStream;

/** The decompressed view of a data stream, as pg_dump compresses it in each format. */
final class Decompressing {
    private Decompressing() {
    }

    static InputStream of(InputStream raw, Compression compression, PgDumpArchive.Format format) throws IOException {
        return switch (compression) {
            case NONE -> raw;
            // A custom archive's blocks are zlib streams; a directory dump's files are gzip files.
            case GZIP -> format == PgDumpArchive.Format.CUSTOM ? new InflaterInputStream(raw, new java.util.zip.Inflater(),
                    1 << 16) : new GZIPInputStream(raw, 1 << 16);
            case ZSTD -> new ZstdInputStream(raw);
            // pg_dump 16 and later write lz4 frames (the frame format, not bare blocks) in both formats.
            case LZ4 -> new LZ4FrameInputStream(raw);
        };
    }
}
