package io.ferry.transfer;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a file handed to {@code ferry load} is, told from its first bytes (magic numbers), so that a
 * file Ferry cannot read gets one line naming what it is instead of a protocol error deep in a load.
 */
public enum DumpFormat {
    /** Ferry's own archive, of the version this Ferry reads. */
    FERRY_ARCHIVE(null),
    /** A plain SQL dump (pg_dump's default format), maybe gzip-compressed. */
    PLAIN_SQL(null),
    GZIP_SQL(null),
    FERRY_ARCHIVE_NEWER("a Ferry archive of a newer format than this Ferry reads; load it with a newer Ferry"),
    /** pg_dump's own archive formats, read from a file (not from standard input) by {@code io.ferry.pgdump}. */
    PG_DUMP_CUSTOM(null),
    PG_DUMP_DIRECTORY(null),
    PG_DUMP_TAR(null),
    DIRECTORY("a directory, not a dump (a pg_dump directory dump holds toc.dat)"),
    TAR("a tar archive that is not a pg_dump archive; unpack it first"),
    ZIP("a zip archive; unpack it first"),
    BZIP2("bzip2-compressed; decompress it first: bzip2 -dc FILE | ferry load --db URL -"),
    XZ("xz-compressed; decompress it first: xz -dc FILE | ferry load --db URL -"),
    ZSTD("zstd-compressed; decompress it first: zstd -dc FILE | ferry load --db URL -"),
    LZ4("lz4-compressed; decompress it first: lz4 -dc FILE | ferry load --db URL -"),
    BINARY("binary data, not a SQL dump or a Ferry archive"),
    EMPTY("empty");

    /** How many leading bytes {@link #of(byte[])} looks at (a tar header's magic sits at byte 257). */
    public static final int HEAD_BYTES = 4096;

    private static final byte[] FERRY_MAGIC_PREFIX = "FERRYDUMP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FERRY_MAGIC = "FERRYDUMP1\n".getBytes(StandardCharsets.US_ASCII);

    private final String refusal;

    DumpFormat(String refusal) {
        this.refusal = refusal;
    }

    /** Whether this is one of pg_dump's archive formats (custom, directory, tar). */
    public boolean pgDumpArchive() {
        return this == PG_DUMP_CUSTOM || this == PG_DUMP_DIRECTORY || this == PG_DUMP_TAR;
    }

    /** Whether {@code ferry load} reads this format. */
    public boolean loadable() {
        return refusal == null;
    }

    /** What the file is, in a few words ("a pg_dump custom-format archive (pg_dump -Fc)"). */
    public String what() {
        return switch (this) {
            case FERRY_ARCHIVE -> "a Ferry archive";
            case PLAIN_SQL -> "a plain SQL dump";
            case GZIP_SQL -> "gzip-compressed data";
            case PG_DUMP_CUSTOM -> "a pg_dump custom-format archive (pg_dump -Fc)";
            case PG_DUMP_DIRECTORY -> "a pg_dump directory-format dump (pg_dump -Fd)";
            case PG_DUMP_TAR -> "a pg_dump tar-format archive (pg_dump -Ft)";
            default -> refusal.replaceFirst("[;,] .*", "");
        };
    }

    /** Fails with one line naming what the file is and what to do, unless it is loadable. */
    public void requireLoadable(String name) {
        if (loadable()) {
            return;
        }
        if (this == EMPTY && name.equals("-")) {
            throw new FerryException(ErrorCode.INPUT, "no input on standard input");
        }
        String file = name.equals("-") ? "standard input" : name;
        throw new FerryException(ErrorCode.INPUT, file + " is " + refusal.replace("FILE", name));
    }

    /** The format of a path: a directory by its contents, a file by its first bytes. */
    public static DumpFormat of(Path path) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve("toc.dat")) ? PG_DUMP_DIRECTORY : DIRECTORY;
        }
        try (var in = Files.newInputStream(path)) {
            return of(in.readNBytes(HEAD_BYTES));
        } catch (java.io.IOException e) {
            throw new FerryException(ErrorCode.INPUT, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** The format of a stream or file from its first bytes (up to {@link #HEAD_BYTES}). */
    public static DumpFormat of(byte[] head) {
        if (head.length == 0) {
            return EMPTY;
        }
        if (startsWith(head, FERRY_MAGIC)) {
            return FERRY_ARCHIVE;
        }
        if (startsWith(head, FERRY_MAGIC_PREFIX)) {
            return FERRY_ARCHIVE_NEWER;
        }
        if (startsWith(head, "PGDMP".getBytes(StandardCharsets.US_ASCII))) {
            return PG_DUMP_CUSTOM;
        }
        if (head.length > 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            // pg_dump -Ft writes toc.dat as the first member.
            return new String(head, 0, 100, StandardCharsets.US_ASCII).startsWith("toc.dat\0") ? PG_DUMP_TAR : TAR;
        }
        if (startsWith(head, 0x1f, 0x8b)) {
            return GZIP_SQL;
        }
        if (startsWith(head, 'P', 'K', 3, 4)) {
            return ZIP;
        }
        if (startsWith(head, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (startsWith(head, 0xfd, '7', 'z', 'X', 'Z', 0)) {
            return XZ;
        }
        if (startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        if (startsWith(head, 0x04, 0x22, 0x4d, 0x18)) {
            return LZ4;
        }
        return looksLikeText(head) ? PLAIN_SQL : BINARY;
    }

    /**
     * SQL text has no NUL bytes and few control characters; its encoding is not checked (a LATIN1
     * dump is text too).
     */
    private static boolean looksLikeText(byte[] head) {
        int control = 0;
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
            if ((b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') || b == 0x7f) {
                control++;
            }
        }
        return control * 100 <= head.length;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
