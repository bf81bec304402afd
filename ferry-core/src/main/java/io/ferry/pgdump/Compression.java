package io.ferry.pgdump;

/** How an archive's data blocks are compressed (the header's compression algorithm). */
public enum Compression {
    NONE(""), GZIP(".gz"), LZ4(".lz4"), ZSTD(".zst");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** The suffix pg_dump adds to a directory dump's data file names. */
    String suffix() {
        return suffix;
    }

    /** The algorithm number archive version 1.15 and later store in one byte. */
    static Compression ofAlgorithm(int algorithm) {
        return switch (algorithm) {
            case 0 -> NONE;
            case 1 -> GZIP;
            case 2 -> LZ4;
            case 3 -> ZSTD;
            default -> throw new IllegalArgumentException("unknown compression algorithm " + algorithm);
        };
    }

    public String display() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
