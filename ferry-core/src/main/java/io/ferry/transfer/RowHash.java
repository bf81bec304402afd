package io.ferry.transfer;

import java.util.Locale;

/**
 * The 64-bit hash of a row that {@link Checksum} sums. Both sides of a comparison must use the same
 * one: {@code hashtextextended} of the row's text (PostgreSQL 11 on) when both servers have it, else
 * one built from {@code md5}, which every version Ferry reads has (the first 16 hex digits of the
 * row's md5 as a signed 64-bit integer); or, for a table whose columns allow it,
 * {@code hash_record_extended} of the row itself, which skips the text conversion
 * ({@link RowHashChoice} says where). Each is computed by the server, where the rows are.
 */
public enum RowHash {
    HASHTEXT,
    MD5,
    /** {@code hash_record_extended(row, 0)} (PostgreSQL 14 on): each column's own extended hash function, no text. */
    RECORD;

    /** The first version with {@code hashtextextended}. */
    private static final int HASHTEXT_FROM = 110000;

    /** The hash both servers can compute (their {@code server_version_num}). */
    static RowHash between(int source, int target) {
        return source < HASHTEXT_FROM || target < HASHTEXT_FROM ? MD5 : HASHTEXT;
    }

    /** The hash a server of this version computes alone (a dump, whose target is not known yet). */
    static RowHash on(int server) {
        return between(server, server);
    }

    /** The SQL expression of the hash of {@code row} (a row or record expression), a bigint. */
    String of(String row) {
        return switch (this) {
            case HASHTEXT -> "hashtextextended(" + row + "::text, 0)";
            case MD5 -> "('x' || substr(md5(" + row + "::text), 1, 16))::bit(64)::bigint";
            case RECORD -> "hash_record_extended(" + row + ", 0)";
        };
    }

    /** How a dump's manifest names it. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The hash a manifest names; null (a dump made before the name was recorded) is {@link #HASHTEXT}. */
    static RowHash ofLabel(String label) {
        return label == null ? HASHTEXT : valueOf(label.toUpperCase(Locale.ROOT));
    }
}
