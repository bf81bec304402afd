package io.ferry.pgdump;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An archive written by pg_dump in its custom, directory or tar format: the header and table of
 * contents, read at once, and each entry's data, read on demand. The three formats share the
 * header and table of contents (a directory and a tar archive keep them in {@code toc.dat}); they
 * differ only in where the data is: blocks after the table of contents in a custom archive, one
 * file per table in a directory, one member per table in a tar archive.
 */
public final class PgDumpArchive {
    /** The newest archive version read: 1.16, written by pg_dump 17. */
    static final int NEWEST = version(1, 16, 0);
    /** The oldest read: 1.13, the first with schema-qualified definitions (pg_dump 11 and the 2018 minor releases). */
    static final int OLDEST = version(1, 13, 0);

    private static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_CUSTOM = 1;
    private static final int FORMAT_TAR = 3;
    private static final int FORMAT_DIRECTORY = 5;

    /** The kind of archive, with the pg_dump option that writes it. */
    public enum Format {
        CUSTOM("custom (-Fc)"), DIRECTORY("directory (-Fd)"), TAR("tar (-Ft)");

        private final String display;

        Format(String display) {
            this.display = display;
        }

        public String display() {
            return display;
        }
    }

    /** The archive's header. */
    public record Header(Format format, String version, int intSize, int offSize, Compression compression,
                         String database, String serverVersion, String pgDumpVersion) {
    }

    private final Path path;
    private final Header header;
    private final List<TocEntry> entries;
    private final long dataStart;
    private final TarMembers tar;

    private PgDumpArchive(Path path, Header header, List<TocEntry> entries, long dataStart, TarMembers tar) {
        this.path = path;
        this.header = header;
        this.entries = List.copyOf(entries);
        this.dataStart = dataStart;
        this.tar = tar;
    }

    /** Reads the header and table of contents of a custom archive, a directory dump or a tar archive. */
    public static PgDumpArchive open(Path path) {
        try {
            if (Files.isDirectory(path)) {
                Path toc = path.resolve("toc.dat");
                if (!Files.isRegularFile(toc)) {
                    throw new FerryException(ErrorCode.INPUT, path + " is a directory without toc.dat, not a pg_dump "
                            + "directory dump");
                }
                try (InputStream in = new BufferedInputStream(Files.newInputStream(toc), 1 << 16)) {
                    return read(path, in, FORMAT_DIRECTORY, null);
                }
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(path)) {
                head = in.readNBytes(512);
            }
            if (head.length == 512 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
                TarMembers tar = TarMembers.of(path);
                try (InputStream in = new BufferedInputStream(tar.open("toc.dat"), 1 << 16)) {
                    return read(path, in, FORMAT_TAR, tar);
                }
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
                return read(path, in, FORMAT_CUSTOM, null);
            }
        } catch (EOFException e) {
            throw new FerryException(ErrorCode.INPUT, path + ": the archive ends unexpectedly (truncated?) in its "
                    + "header or table of contents", e);
        } catch (IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static PgDumpArchive read(Path path, InputStream stream, int expectedFormat, TarMembers tar)
            throws IOException {
        ArchiveInput in = new ArchiveInput(stream);
        byte[] magic = stream.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new FerryException(ErrorCode.INPUT, path + " is not a pg_dump archive (it does not start with "
                    + "PGDMP)");
        }
        int major = in.readByte();
        int minor = in.readByte();
        int revision = in.readByte();
        int version = version(major, minor, revision);
        String shown = major + "." + minor + (revision == 0 ? "" : "." + revision);
        if (version > NEWEST) {
            throw new FerryException(ErrorCode.INPUT, path + ": archive version " + shown + " is newer than this "
                    + "Ferry reads (up to 1.16, written by pg_dump 17)");
        }
        if (version < OLDEST) {
            throw new FerryException(ErrorCode.INPUT, path + ": archive version " + shown + " is older than this "
                    + "Ferry reads (1.13 and later, written by pg_dump 11 and later)");
        }
        int intSize = in.readByte();
        int offSize = in.readByte();
        if (intSize < 4 || intSize > 8 || offSize < 4 || offSize > 8) {
            throw new FerryException(ErrorCode.INPUT, path + ": the archive header names integer size " + intSize
                    + " and offset size " + offSize + ", which pg_dump does not write (corrupt?)");
        }
        in.sizes(intSize, offSize);
        int format = in.readByte();
        // pg_dump 15 writes 3 in a directory dump's toc.dat as in a tar archive's; 5 is accepted there too.
        boolean fits = expectedFormat == FORMAT_CUSTOM ? format == FORMAT_CUSTOM
                : format == FORMAT_TAR || format == FORMAT_DIRECTORY;
        if (!fits) {
            throw new FerryException(ErrorCode.INPUT, path + ": the archive header names format " + format
                    + " where its layout is format " + expectedFormat + " (corrupt?)");
        }
        Compression compression = readCompression(path, in, version);
        for (int i = 0; i < 7; i++) {
            in.readInt(); // the creation time: seconds, minutes, hours, day, month, year, DST flag
        }
        String database = in.readString();
        String serverVersion = in.readString();
        String pgDumpVersion = in.readString();
        Header header = new Header(expectedFormat == FORMAT_CUSTOM ? Format.CUSTOM
                : expectedFormat == FORMAT_TAR ? Format.TAR : Format.DIRECTORY, shown, intSize, offSize, compression, database, serverVersion, pgDumpVersion);
        List<TocEntry> entries = TocReader.read(path, in, version, expectedFormat == FORMAT_CUSTOM);
        return new PgDumpArchive(path, header, entries, in.position() + MAGIC.length, tar);
    }

    private static Compression readCompression(Path path, ArchiveInput in, int version) throws IOException {
        if (version >= version(1, 15, 0)) {
            int algorithm = in.readByte();
            try {
                return Compression.ofAlgorithm(algorithm);
            } catch (IllegalArgumentException e) {
                throw new FerryException(ErrorCode.INPUT, path + ": the archive header names compression "
                        + "algorithm " + algorithm + ", which this Ferry does not know", e);
            }
        }
        // Before 1.15 the header holds a zlib level: 0 for none, -1 for zlib's default.
        return in.readInt() == 0 ? Compression.NONE : Compression.GZIP;
    }

    static int version(int major, int minor, int revision) {
        return (major * 256 + minor) * 256 + revision;
    }

    public Path path() {
        return path;
    }

    public Header header() {
        return header;
    }

    public List<TocEntry> entries() {
        return entries;
    }

    /**
     * Whether each entry's data can be read on its own, so several at once: a custom archive whose
     * table of contents records the data offsets (pg_dump writing to a pipe cannot record them, and
     * each block is then found by reading past all blocks before it), and every directory or tar
     * archive (a file, or a member found through the tar headers).
     */
    public boolean dataSeekable() {
        return header.format() != Format.CUSTOM
                || entries.stream().filter(TocEntry::hasData).allMatch(e -> e.dataOffset() >= 0);
    }

    /**
     * About how many bytes the entry's data takes in the archive (compressed as stored), to load the
     * largest tables first; 0 when that is not known.
     */
    public long dataSize(TocEntry entry) {
        try {
            return switch (header.format()) {
                case CUSTOM -> {
                    if (entry.dataOffset() < 0) {
                        yield 0;
                    }
                    long next = entries.stream().mapToLong(TocEntry::dataOffset).filter(o -> o > entry.dataOffset())
                            .min().orElse(Files.size(path));
                    yield next - entry.dataOffset();
                }
                case DIRECTORY -> {
                    Path file = path.resolve(entry.fileName() + header.compression().suffix());
                    yield Files.exists(file) ? Files.size(file)
                            : Files.exists(path.resolve(entry.fileName())) ? Files.size(path.resolve(entry.fileName())) : 0;
                }
                case TAR -> tar.size(entry.fileName());
            };
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * The data of an entry, decompressed: for table data, the rows in COPY's text format ending with
     * the {@code \.} line. Read errors name the archive and the entry.
     */
    public EntryData data(TocEntry entry) {
        try {
            InputStream raw = switch (header.format()) {
                case CUSTOM -> customBlock(entry);
                case DIRECTORY -> directoryFile(entry);
                case TAR -> tar.open(entry.fileName());
            };
            return new EntryData(this, entry, Decompressing.of(raw, header.compression(), header.format()));
        } catch (IOException e) {
            throw dataError(entry, e);
        }
    }

    FerryException dataError(TocEntry entry, IOException e) {
        String what = e instanceof EOFException ? "its data ends unexpectedly (truncated?)"
                : "its data cannot be read: " + e.getMessage();
        return new FerryException(ErrorCode.INPUT, path + ": " + entry.label() + ": " + what, e);
    }

    private InputStream customBlock(TocEntry entry) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(path);
        try {
            // Without recorded offsets (pg_dump wrote to a pipe), the blocks are found by walking them.
            channel.position(entry.dataOffset() >= 0 ? entry.dataOffset() : dataStart);
            InputStream stream = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            ArchiveInput in = new ArchiveInput(stream);
            in.sizes(header.intSize(), header.offSize());
            while (true) {
                int type = in.readByte();
                int id = in.readInt();
                if (id == entry.dumpId()) {
                    if (type != 1) {
                        throw new IOException("the block is of type " + type + ", not table data");
                    }
                    return new ChunkedInput(in, stream);
                }
                if (entry.dataOffset() >= 0) {
                    throw new IOException("the block at offset " + entry.dataOffset() + " belongs to dump id " + id);
                }
                new ChunkedInput(in, stream).skipAll();
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private InputStream directoryFile(TocEntry entry) throws IOException {
        Path file = path.resolve(entry.fileName() + header.compression().suffix());
        if (!Files.exists(file)) {
            file = path.resolve(entry.fileName());
        }
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.getFileName() + " is missing from the directory");
        }
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }
}
