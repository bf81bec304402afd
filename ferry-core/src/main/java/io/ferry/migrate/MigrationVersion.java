package io.ferry.migrate;

import io.ferry.ErrorCode;
import io.ferry.FerryException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The number of a migration within its module: an integer of any width, compared numerically, so
 * {@code 9_x.sql} comes before {@code 10_x.sql} and {@code 072} equals {@code 72}.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {
    /** Below every real version: the state of a module with nothing applied. */
    public static final MigrationVersion ZERO = new MigrationVersion(BigInteger.ZERO);

    private final BigInteger value;

    private MigrationVersion(BigInteger value) {
        this.value = value;
    }

    public static MigrationVersion of(long value) {
        return of(BigInteger.valueOf(value));
    }

    public static MigrationVersion of(BigInteger value) {
        if (value.signum() < 0) {
            throw new FerryException(ErrorCode.USAGE, "a migration version cannot be negative: " + value);
        }
        return new MigrationVersion(value);
    }

    /** Parses decimal digits (leading zeros allowed). */
    public static MigrationVersion parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty() || !trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new FerryException(ErrorCode.USAGE, "not a migration version (digits expected): '" + text + "'");
        }
        return new MigrationVersion(new BigInteger(trimmed));
    }

    public BigInteger value() {
        return value;
    }

    public boolean isAfter(MigrationVersion other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(MigrationVersion other) {
        return compareTo(other) < 0;
    }

    public static MigrationVersion max(MigrationVersion a, MigrationVersion b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(MigrationVersion other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigrationVersion that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    /** The canonical form, without leading zeros. */
    @Override
    public String toString() {
        return value.toString();
    }
}
